/**
 * Bounds of `train`'s flags, checked before anything runs: `--steps`, `--batch-size`, `--seed`
 * and `--eval-every` take the ranges of the optimiser node's own params (a flag cannot exceed
 * the graph's cap), and the folders `--save-weights` and `--save-graph` write into must exist
 * before the run, not be found missing after it.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { totalmem } from 'node:os';
import { capDiagnostics } from '../runtime/compile/capDiagnostics.ts';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import { costDiagnostics, graphBatchSize, machineCostBudget } from '../runtime/infer/costBudget.ts';
import { inferGraph } from '../runtime/infer/inferGraph.ts';
import type { Diagnostic } from '../runtime/sdk/errors.ts';
import type { Registry } from '../runtime/sdk/registry.ts';
import { UsageError } from './args.ts';

/** The numeric run flags and the optimiser param each is bounded by. */
const BOUNDED_FLAGS = {
  steps: 'steps',
  'batch-size': 'batchSize',
  seed: 'seed',
  'eval-every': 'evalEvery',
} as const;

/** Ranges used when the optimiser does not declare the param (seeds are 32-bit). */
const FALLBACK: Readonly<Record<string, { min: number; max: number }>> = {
  steps: { min: 1, max: 10_000_000 },
  batchSize: { min: 1, max: 65_536 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  evalEvery: { min: 0, max: 1_000_000 },
};

function range(
  plan: ExecutionPlan,
  registry: Registry,
  param: string,
): { min: number; max: number; node?: string } {
  const optimiser = plan.steps.find((s) => s.role === 'optimiser');
  const descriptor = optimiser ? registry.get(optimiser.type)?.params[param] : undefined;
  const fallback = FALLBACK[param]!;
  if (descriptor?.kind !== 'int') return fallback;
  return { min: descriptor.min ?? fallback.min, max: descriptor.max ?? fallback.max, node: optimiser!.node };
}

/**
 * Refuses a numeric run flag outside the range of the optimiser param it overrides.
 * @throws UsageError naming the flag, the range and the node whose param sets it.
 */
export function checkRunFlags(
  flags: Readonly<Record<string, unknown>>,
  plan: ExecutionPlan,
  registry: Registry,
): void {
  for (const [flag, param] of Object.entries(BOUNDED_FLAGS)) {
    const value = flags[flag];
    if (value === undefined) continue;
    const { min, max, node } = range(plan, registry, param);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      const from = node ? ` (the range of ${param} on optimiser node "${node}")` : '';
      throw new UsageError(
        `--${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${from}; got ${JSON.stringify(value) ?? typeof value}`,
      );
    }
  }
}

/**
 * Checks that `path` can be written: its folder exists, is a folder and is writable, and the
 * path itself is not a folder.
 * @throws UsageError naming the flag and the folder.
 */
export async function checkOutputPath(flag: string, path: string): Promise<void> {
  const folder = dirname(resolve(path));
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UsageError(`--${flag} ${path}: the folder ${folder} does not exist; create it first`);
  if (
    await access(folder, constants.W_OK).then(
      () => false,
      () => true,
    )
  )
    throw new UsageError(`--${flag} ${path}: the folder ${folder} is not writable`);
  if ((await stat(path).catch(() => undefined))?.isDirectory())
    throw new UsageError(`--${flag} ${path}: that is a folder; give a file name`);
}

/**
 * The nodes of `doc` too costly for this machine at `batchSize` (the graph's own when not
 * given), capped like every diagnostic list; empty when the run may start.
 */
export function costProblems(doc: GraphDoc, registry: Registry, batchSize: number | undefined): readonly Diagnostic[] {
  const inference = inferGraph(doc, registry);
  return capDiagnostics(costDiagnostics(doc, inference, machineCostBudget(totalmem()), batchSize ?? graphBatchSize(inference)));
}
