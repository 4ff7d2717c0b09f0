/**
 * Finds what a predictions view can show for a compiled graph, from the plan alone (roles and
 * shapes, never plugin ids): a 2-D classifier (its decision boundary over the plane) — the
 * two-spirals family. The numbers come from the worker's `infer`; this file only builds the
 * requests and reads the answers.
 */
import type { ExecutionPlan, WireTensor } from '../../workers/engineApi.ts';

/** A classifier of points in the plane. */
export interface BoundaryTask {
  /** Data node and its point and label ports. */
  readonly dataNode: string;
  readonly pointPort: string;
  readonly labelPort?: string;
  /** The `node:port` key of the logits the loss reads. */
  readonly logitsKey: string;
  /** Classes: the logits' last dimension (1 means a single sigmoid logit). */
  readonly classes: number;
}

function tensorShape(plan: ExecutionPlan, node: string, port: string): readonly (number | null)[] | undefined {
  const v = plan.steps.find((s) => s.node === node)?.outputs[port];
  return v?.kind === 'tensor' ? v.shape : undefined;
}

/** The 2-D classification task of a plan, or undefined when it has none. */
export function findBoundaryTask(plan: ExecutionPlan): BoundaryTask | undefined {
  const dataNodes = new Set(plan.roles.data);
  for (const lossId of plan.roles.loss) {
    const loss = plan.steps.find((s) => s.node === lossId);
    if (!loss) continue;
    const refs = Object.values(loss.inputs);
    const pred = refs.find((r) => !dataNodes.has(r.node));
    const label = refs.find((r) => dataNodes.has(r.node));
    if (!pred) continue;
    const logits = tensorShape(plan, pred.node, pred.port);
    const classes = logits?.[logits.length - 1];
    if (!logits || logits.length !== 2 || typeof classes !== 'number' || classes < 1) continue;
    for (const dataNode of plan.roles.data) {
      const step = plan.steps.find((s) => s.node === dataNode);
      const pointPort = Object.entries(step?.outputs ?? {}).find(
        ([, v]) => v.kind === 'tensor' && v.dtype === 'float32' && v.shape.length === 2 && v.shape[1] === 2,
      )?.[0];
      if (!pointPort) continue;
      return { dataNode, pointPort, ...(label?.node === dataNode ? { labelPort: label.port } : {}), logitsKey: `${pred.node}:${pred.port}`, classes };
    }
  }
  return undefined;
}

/** An axis-aligned box in the plane. */
export interface Box {
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/** The box around `points` (x, y interleaved) with a margin, or the unit box when empty. */
export function boundsOf(points: Float32Array, margin = 0.1): Box {
  if (points.length < 2) return { minX: -1, maxX: 1, minY: -1, maxY: 1 };
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!);
    maxX = Math.max(maxX, points[i]!);
    minY = Math.min(minY, points[i + 1]!);
    maxY = Math.max(maxY, points[i + 1]!);
  }
  const mx = (maxX - minX || 1) * margin;
  const my = (maxY - minY || 1) * margin;
  return { minX: minX - mx, maxX: maxX + mx, minY: minY - my, maxY: maxY + my };
}

/** Centres of an `n`×`n` grid over `box`, row by row from the top, as a [n*n, 2] tensor. */
export function gridTensor(box: Box, n: number): WireTensor {
  const data = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = (r * n + c) * 2;
      data[i] = box.minX + ((c + 0.5) / n) * (box.maxX - box.minX);
      data[i + 1] = box.maxY - ((r + 0.5) / n) * (box.maxY - box.minY);
    }
  }
  return { shape: [n * n, 2], dtype: 'float32', data: data.buffer };
}

/** Probability of class 1 for each row of logits (softmax over 2+ classes; sigmoid for 1). */
export function classOneProbability(logits: Float32Array, classes: number): Float32Array {
  const rows = Math.floor(logits.length / classes);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    if (classes === 1) {
      out[r] = 1 / (1 + Math.exp(-logits[r]!));
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[r * classes + k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[r * classes + k]! - max);
    out[r] = Math.exp(logits[r * classes + 1]! - max) / sum;
  }
  return out;
}
