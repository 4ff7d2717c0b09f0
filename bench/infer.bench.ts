/**
 * Shape-inference benchmark (a script, not a test): whole-graph inference of a 1,000-node
 * chain, cold and with the memo cache after one edit, plus compile, save and load of the same
 * graph. The target is well under 16 ms (one frame) for inference. Run:
 * `npx tsx bench/infer.bench.ts` (option: `--nodes N`, `--reps N`).
 */
import { compileGraph } from '../runtime/compile/compile.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { serializeGraph } from '../runtime/file/serialize.ts';
import { move } from '../runtime/graph/commands.ts';
import { createInferCache, inferGraph } from '../runtime/infer/inferGraph.ts';
import { testRegistry } from '../test/support/fakePlugins/spec/index.ts';
import { chainDoc } from '../test/support/graphs.ts';
import { numberArg } from './args.ts';
import { medianWallCpu } from './timing.ts';

const NODES = numberArg('nodes', 1000);
const REPS = numberArg('reps', 30);

/** Median wall and CPU ms of `fn` after 5 warm-up calls ({@link medianWallCpu}). */
const median = (fn: () => unknown): [number, number] => medianWallCpu(fn, 5, REPS);

const registry = testRegistry();
const doc = chainDoc(NODES);
// An edit of one node: the cache re-infers that node; its unchanged output keeps the rest cached.
const edited = move(doc, { positions: { [`n${NODES - 10}`]: { x: 5, y: 5 } } });
const cache = createInferCache();
inferGraph(doc, registry, cache);
const text = serializeGraph(doc, registry);

const rows: [string, [number, number]][] = [
  ['inferGraph, cold', median(() => inferGraph(doc, registry))],
  ['inferGraph, cached, nothing changed', median(() => inferGraph(doc, registry, cache))],
  [
    'inferGraph, cached, one node edited',
    median(() => {
      inferGraph(doc, registry, cache);
      return inferGraph(edited, registry, cache);
    }).map((x) => x / 2) as [number, number],
  ],
  ['compileGraph (with inference)', median(() => compileGraph(doc, registry))],
  ['serializeGraph', median(() => serializeGraph(doc, registry))],
  ['loadGraph', median(() => loadGraph(text, registry))],
];
console.log(`${NODES}-node chain, median of ${REPS} runs (ms):      wall       cpu`);
for (const [name, [wall, cpu]] of rows) {
  console.log(`  ${name.padEnd(46)} ${wall.toFixed(3).padStart(8)}  ${cpu.toFixed(3).padStart(8)}`);
}
const [wall, cpu] = rows[0]![1];
console.log(
  `cold inference: ${((wall / 16) * 100).toFixed(0)}% (wall) / ${((cpu / 16) * 100).toFixed(0)}% (cpu) of a 16 ms frame`,
);
