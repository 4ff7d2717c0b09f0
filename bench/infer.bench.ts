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
import { chainDoc, testRegistry } from '../runtime/infer/testPlugins.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const NODES = arg('nodes', 1000);
const REPS = arg('reps', 30);

/** Median wall time of `fn` in milliseconds, after a few warm-up calls. */
function median(fn: () => unknown): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const registry = testRegistry();
const doc = chainDoc(NODES);
// An edit of one node: the cache re-infers that node; its unchanged output keeps the rest cached.
const edited = move(doc, { positions: { [`n${NODES - 10}`]: { x: 5, y: 5 } } });
const cache = createInferCache();
inferGraph(doc, registry, cache);
const text = serializeGraph(doc, registry);

const rows: [string, number][] = [
  ['inferGraph, cold', median(() => inferGraph(doc, registry))],
  ['inferGraph, cached, nothing changed', median(() => inferGraph(doc, registry, cache))],
  [
    'inferGraph, cached, one node edited',
    median(() => {
      inferGraph(doc, registry, cache);
      return inferGraph(edited, registry, cache);
    }) / 2,
  ],
  ['compileGraph (with inference)', median(() => compileGraph(doc, registry))],
  ['serializeGraph', median(() => serializeGraph(doc, registry))],
  ['loadGraph', median(() => loadGraph(text, registry))],
];
console.log(`${NODES}-node chain, median of ${REPS} runs (ms):`);
for (const [name, ms] of rows) console.log(`  ${name.padEnd(46)} ${ms.toFixed(3)}`);
const frame = rows[0]![1];
console.log(`cold inference uses ${((frame / 16) * 100).toFixed(1)}% of a 16 ms frame`);
