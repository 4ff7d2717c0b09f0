/**
 * What "Try it" can offer for a compiled graph, from its plan alone: text generation when it has
 * a text-corpus node, class probabilities of one image when an image-dataset node feeds a
 * classifier whose loss reads `[?, classes]` logits.
 */
import type { ExecutionPlan } from '../../workers/engineApi.ts';

/** A language model: the worker's `generate` does the rest. */
export interface TextTask {
  readonly kind: 'text';
}

/** An image classifier: the image node, how its images are prepared, and the logits to read. */
export interface ImageTask {
  readonly kind: 'image';
  readonly dataNode: string;
  readonly height: number;
  readonly width: number;
  readonly channels: 'grayscale' | 'rgb';
  readonly normalise: 'unit' | 'standard';
  /** The `node:port` key of the logits the loss reads. */
  readonly logitsKey: string;
  readonly classes: number;
}

/** Either form of "Try it". */
export type TryTask = TextTask | ImageTask;

function imageTask(plan: ExecutionPlan): ImageTask | undefined {
  const data = plan.steps.find((s) => s.type === 'image-dataset');
  if (!data) return undefined;
  for (const lossId of plan.roles.loss) {
    const pred = plan.steps.find((s) => s.node === lossId)?.inputs.pred;
    if (!pred) continue;
    const v = plan.steps.find((s) => s.node === pred.node)?.outputs[pred.port];
    const classes = v?.kind === 'tensor' && v.shape.length === 2 ? v.shape[1] : undefined;
    if (typeof classes !== 'number' || classes < 2) continue;
    const p = data.params as { height: number; width: number; channels: 'grayscale' | 'rgb'; normalise: 'unit' | 'standard' };
    return { kind: 'image', dataNode: data.node, height: p.height, width: p.width, channels: p.channels, normalise: p.normalise, logitsKey: `${pred.node}:${pred.port}`, classes };
  }
  return undefined;
}

/** The "Try it" task of a plan, or undefined when it has none. */
export function findTryTask(plan: ExecutionPlan): TryTask | undefined {
  if (plan.steps.some((s) => s.type === 'text-corpus')) return { kind: 'text' };
  return imageTask(plan);
}

/**
 * An image's pixels (RGBA, `srcWidth` × `srcHeight`) as one example `[height, width, C]` the way
 * the image-dataset node prepares its training images: area-averaged down to the node's size,
 * grayscale (ITU-R 601 luma) or RGB, over 255, then standardised when the node standardises.
 */
export function imageExample(rgba: Uint8ClampedArray, srcWidth: number, srcHeight: number, task: ImageTask): Float32Array<ArrayBuffer> {
  const c = task.channels === 'rgb' ? 3 : 1;
  const out = new Float32Array(new ArrayBuffer(task.height * task.width * c * 4));
  for (let oy = 0; oy < task.height; oy++) {
    const y0 = Math.floor((oy * srcHeight) / task.height);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * srcHeight) / task.height));
    for (let ox = 0; ox < task.width; ox++) {
      const x0 = Math.floor((ox * srcWidth) / task.width);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * srcWidth) / task.width));
      const sum = [0, 0, 0];
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = 4 * (y * srcWidth + x);
          for (let k = 0; k < 3; k++) sum[k]! += rgba[i + k]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0) * 255;
      const [r, g, b] = sum.map((v) => v / n) as [number, number, number];
      const at = (oy * task.width + ox) * c;
      if (c === 3) out.set([r, g, b], at);
      else out[at] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }
  if (task.normalise === 'standard') {
    const mean = out.reduce((a, v) => a + v, 0) / out.length;
    const std = Math.sqrt(out.reduce((a, v) => a + (v - mean) ** 2, 0) / out.length) || 1;
    for (let i = 0; i < out.length; i++) out[i] = (out[i]! - mean) / std;
  }
  return out;
}

/** Softmax of one row of logits, in float64. */
export function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}
