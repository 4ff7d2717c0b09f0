/**
 * One graph's training step before and after a change, in one run (a script, not a test): runs
 * bench/stepDriver.ts against the source tree `--before DIR` and against `--after DIR` (default
 * this checkout), alternating, `--rounds N` times each, one process per measurement, and prints
 * wall and CPU ms/step of each and the ratios of the medians. Make a tree of any commit with
 * `git archive COMMIT | tar -x -C DIR` and link node_modules into it. Options: `--graph FILE`
 * (graphs/gla-associative-recall.graph.json, relative to each tree), `--steps N` (20),
 * `--warmup N` (3), `--rounds N` (3).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { numberArg, stringArg } from './args.ts';
import { lastJsonLine, loadAverage, median } from './timing.ts';

interface Measured {
  readonly msPerStep: number;
  readonly cpuMsPerStep: number;
}

const before = stringArg('before', '');
if (!before) throw new Error('--before DIR is required: a source tree of the commit to compare with');
const after = stringArg('after', join(import.meta.dirname, '..'));
const graph = stringArg('graph', 'graphs/gla-associative-recall.graph.json');
const steps = numberArg('steps', 20);
const warmup = numberArg('warmup', 3);
const rounds = Math.max(1, numberArg('rounds', 3));
const driver = join(import.meta.dirname, 'stepDriver.ts');

function measure(root: string): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', driver, '--root', root, '--graph', graph, '--steps', String(steps), '--warmup', String(warmup)], { encoding: 'utf8' });
  return lastJsonLine(out) as Measured;
}

console.log(`before/after: ${graph}, wasm, ${warmup} warm-up + ${steps} measured steps, ${rounds} rounds alternating; before ${before}, after ${after}; load average ${loadAverage()}`);
console.log('');
console.log('| round | before ms/step | after ms/step | before CPU ms/step | after CPU ms/step |');
console.log('|---|---|---|---|---|');
const runs = { before: [] as Measured[], after: [] as Measured[] };
for (let round = 1; round <= rounds; round++) {
  const b = measure(before);
  const a = measure(after);
  runs.before.push(b);
  runs.after.push(a);
  console.log(`| ${round} | ${b.msPerStep.toFixed(1)} | ${a.msPerStep.toFixed(1)} | ${b.cpuMsPerStep.toFixed(1)} | ${a.cpuMsPerStep.toFixed(1)} |`);
}
const m = (which: Measured[], f: (x: Measured) => number): number => median(which.map(f));
const wall = [m(runs.before, (x) => x.msPerStep), m(runs.after, (x) => x.msPerStep)] as const;
const cpu = [m(runs.before, (x) => x.cpuMsPerStep), m(runs.after, (x) => x.cpuMsPerStep)] as const;
console.log(`| median | ${wall[0].toFixed(1)} | ${wall[1].toFixed(1)} | ${cpu[0].toFixed(1)} | ${cpu[1].toFixed(1)} |`);
console.log('');
console.log(`speed-up (before / after): wall ${(wall[0] / wall[1]).toFixed(2)}x, CPU ${(cpu[0] / cpu[1]).toFixed(2)}x; load average at the end ${loadAverage()}`);
