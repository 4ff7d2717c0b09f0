/**
 * The flat twin of a graph file with blocks: its instances flattened by the runtime
 * (`flattenGraph`), written as a plain graph file (no `blocks`) and loaded back through the
 * loader, so it is a file a user could have drawn node by node. Flat ids are paths
 * (`stack/2/gla`); a file's node ids cannot hold `/`, so the twin spells them `stack_2_gla`.
 * `trainTwins` trains a block graph and its twin from the same initial weights and seeds, for
 * the test that their numbers agree (test/integration/blocks-flat-examples.test.ts) and the
 * full-length bench (bench/blocksFlat.bench.ts).
 */
import { builtinRegistry } from '../../plugins/index.ts';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { flattenGraph } from '../../runtime/blocks/flatten.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import type { Engine, EngineTrainOptions } from '../../runtime/exec/engine.ts';
import type { TrainResult } from '../../runtime/exec/trainTypes.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';

const registry = builtinRegistry();

/** A flat path id as the twin file spells it (`stack/2/gla` -> `stack_2_gla`). */
export function twinId(flatId: string): string {
  return flatId.replaceAll('/', '_');
}

/** A weight key of the block graph's plan as the twin names it (`stack/2/gla/W_q` -> `stack_2_gla/W_q`). */
export function twinWeightKey(key: string): string {
  const cut = key.lastIndexOf('/');
  return `${twinId(key.slice(0, cut))}${key.slice(cut)}`;
}

function loaded(text: string, name: string): GraphDoc {
  const result = loadGraph(text, registry);
  if (!result.ok) throw new Error(`${name}: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.doc;
}

/** The twin's canonical file text: `text`'s instances flattened, path ids spelt with `_`. */
export function flatTwinText(text: string, name = 'graph'): string {
  const flat = flattenGraph(loaded(text, name)).doc;
  const file = JSON.parse(serializeGraph(flat, registry)) as {
    nodes: Record<string, unknown>;
    edges: { from: { node: string }; to: { node: string } }[];
  };
  const nodes = Object.entries(file.nodes).map(([id, node]) => [twinId(id), node] as const);
  if (new Set(nodes.map(([id]) => id)).size !== nodes.length) throw new Error(`${name}: flat ids clash once spelt with _`);
  file.nodes = Object.fromEntries(nodes);
  for (const e of file.edges) {
    e.from.node = twinId(e.from.node);
    e.to.node = twinId(e.to.node);
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The execution plan of a graph file's text (loaded and compiled with the built-in plugins). */
export function planOf(text: string, name = 'graph'): ExecutionPlan {
  const compiled = compileGraph(loaded(text, name), registry);
  if (!compiled.ok) throw new Error(`${name}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.plan;
}

/** One side of {@link trainTwins}: the run's result and the loss of every step. */
export interface TwinRun {
  readonly result: TrainResult;
  readonly losses: readonly number[];
  /** Wall time of the run, in seconds. */
  readonly seconds: number;
}

async function run(engine: Engine, options: EngineTrainOptions): Promise<TwinRun> {
  const losses: number[] = [];
  const start = performance.now();
  const result = await engine.train({ ...options, continue: true }, (e) => {
    if (e.event === 'step') losses.push(e.loss);
  });
  return { result, losses, seconds: (performance.now() - start) / 1000 };
}

/**
 * Trains the block graph `text` and its flat twin on `engine` (initialised): the twin starts
 * from the block graph's seeded weights (renamed; `initSeed` default: the graph's own seed), both
 * with the same run options.
 */
export async function trainTwins(
  engine: Engine,
  text: string,
  options: EngineTrainOptions & { readonly initSeed?: number },
  name = 'graph',
): Promise<{ block: TwinRun; flat: TwinRun }> {
  const { initSeed, ...train } = options;
  const seed = initSeed === undefined ? {} : { seed: initSeed };
  engine.load(planOf(text, name), builtinLowerings, seed);
  const start = engine.exportWeights();
  const block = await run(engine, train);
  engine.dispose();
  engine.load(planOf(flatTwinText(text, name), `${name} (flat)`), builtinLowerings, seed);
  const tensors = Object.fromEntries(Object.entries(start.tensors).map(([k, t]) => [twinWeightKey(k), t]));
  engine.importWeights({ ...start, tensors }, { allowOtherGraph: true });
  const flat = await run(engine, train);
  engine.dispose();
  return { block, flat };
}
