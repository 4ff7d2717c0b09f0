/**
 * The memory and time a node will cost, estimated from shape inference before anything is
 * allocated: its weights (with their gradients and two optimiser moments while training), its
 * activations for one batch, and its forward work per step. A node over the budget is an error
 * naming the node and the param that sizes it, instead of a run that allocates tens of GB and
 * dies minutes later with "Invalid typed array length" and no location.
 */
import type { GraphDoc } from '../graph/types.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { GraphInference } from './inferGraph.ts';

/** What one node may cost. */
export interface CostBudget {
  /** Bytes of a node's weights while training (weights, gradients, two moments: 16 bytes each). */
  readonly maxTrainingBytes: number;
  /** Bytes of a node's outputs for one batch. */
  readonly maxActivationBytes: number;
  /** Forward multiply-adds (x2) of a node for one batch. */
  readonly maxFlopsPerStep: number;
}

const GiB = 1024 ** 3;

/**
 * The budget on a machine with `memoryBytes` of memory: at most a quarter of it per node, and
 * never over 2 GiB (a WebAssembly heap ends at 4 GiB and tfjs copies tensors through it); one
 * step of one node at most 2e12 FLOPs (minutes on a CPU backend).
 */
export function machineCostBudget(memoryBytes: number): CostBudget {
  const bytes = Math.min(2 * GiB, Math.max(memoryBytes / 4, 64 * 1024 ** 2));
  return { maxTrainingBytes: bytes, maxActivationBytes: bytes, maxFlopsPerStep: 2e12 };
}

function formatBytes(n: number): string {
  return n >= GiB ? `${(n / GiB).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(0)} MB`;
}

/** The int param of a node that most likely sizes it: its largest whole-number param. */
function sizingParam(params: Readonly<Record<string, unknown>>): { name: string; value: number } | undefined {
  let best: { name: string; value: number } | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value > 1 &&
      (best === undefined || value > best.value)
    )
      best = { name, value };
  }
  return best;
}

function elements(shape: readonly (number | null)[], batch: number): number {
  return shape.reduce<number>((n, d) => n * (d ?? batch), 1);
}

/**
 * The nodes of `doc` whose estimated cost is over `budget` for batches of `batchSize`.
 * @returns one `INFER_COST_TOO_HIGH` error per such node, naming the node and its sizing param.
 */
export function costDiagnostics(
  doc: GraphDoc,
  inference: GraphInference,
  budget: CostBudget,
  batchSize: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(inference.nodes)) {
    if (node === undefined) continue;
    let activations = 0;
    for (const port of Object.values(node.outputs))
      if (port.kind === 'tensor') activations += elements(port.shape, batchSize) * 4;
    const training = node.paramCount * 16;
    const flops = (node.flops ?? 0) * batchSize;
    const over =
      training > budget.maxTrainingBytes
        ? `its weights take ${formatBytes(node.paramCount * 4)} (${formatBytes(training)} while training, with gradients and optimiser moments)`
        : activations > budget.maxActivationBytes
          ? `its outputs take ${formatBytes(activations)} for a batch of ${batchSize}`
          : flops > budget.maxFlopsPerStep
            ? `its forward pass is ${flops.toExponential(1)} FLOPs per step at batch ${batchSize}`
            : undefined;
    if (over === undefined) continue;
    const param = sizingParam(node.params);
    const limit = formatBytes(Math.min(budget.maxTrainingBytes, budget.maxActivationBytes));
    const type = doc.nodes[id]?.type ?? '?';
    out.push({
      code: 'INFER_COST_TOO_HIGH',
      severity: 'error',
      message: `node "${id}" (${type}): ${over}, beyond this machine's budget of ${limit} per node${param ? `; lower ${param.name} (now ${param.value.toLocaleString('en-US')})` : ''}`,
      node: id,
      ...(param ? { param: param.name } : {}),
    });
  }
  return out;
}

/** The batch size a graph trains with: its optimiser's `batchSize` param, else 32. */
export function graphBatchSize(inference: GraphInference): number {
  for (const node of Object.values(inference.nodes)) {
    const b = node?.params.batchSize;
    if (typeof b === 'number' && Number.isInteger(b) && b > 0) return b;
  }
  return 32;
}
