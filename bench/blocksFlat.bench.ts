/**
 * Blocks vs flat, full length (issue 14; a script, not a test): every example graph with blocks
 * and its flat twin (test/support/flatTwin.ts: the same graph drawn node by node) trained for the
 * graph's own steps on wasm from the same initial weights and seeds. Prints each side's final
 * eval metrics, wall time, and the largest difference of any step's loss. Run:
 * `npx tsx bench/blocksFlat.bench.ts` (or `npx netwright bench blocksFlat`). Options: `--only TEXT`
 * (files whose name contains it), `--steps N` (instead of the graph's own).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Engine } from '../runtime/exec/engine.ts';
import { trainTwins } from '../test/support/flatTwin.ts';
import { numberArg, stringArg } from './args.ts';
import { loadAverage } from './timing.ts';

const only = stringArg('only', '');
const steps = numberArg('steps', 0);
const dir = new URL('../graphs/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.graph.json') && f.includes(only))
  .filter((f) => 'blocks' in (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as object));

function metricsText(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(', ');
}

const engine = new Engine();
await engine.init('wasm');
console.log(`blocks vs flat twins on ${engine.backend?.name ?? 'no backend'}, load average ${loadAverage()}`);
for (const name of files) {
  const text = readFileSync(new URL(name, dir), 'utf8');
  const { block, flat } = await trainTwins(engine, text, steps > 0 ? { steps } : {}, name);
  const diff = Math.max(0, ...block.losses.map((l, i) => Math.abs(l - (flat.losses[i] ?? Number.NaN))));
  console.log(`\n${name}: ${String(block.result.steps)} steps (flat twin ${String(flat.result.steps)})`);
  console.log(`  block: ${metricsText(block.result.metrics)}; ${block.seconds.toFixed(1)} s`);
  console.log(`  flat:  ${metricsText(flat.result.metrics)}; ${flat.seconds.toFixed(1)} s`);
  console.log(`  largest difference of a step's loss: ${String(diff)}`);
}
console.log(`\nlive tensors: ${String(engine.memory().numTensors)}`);
