/**
 * The PyTorch anchor of issue 12 (a script, not a test): the dense-only variant of the GLA
 * associative-recall example (bench/graphs/gla-associative-recall-dense.graph.json) trained by
 * the engine the CLI uses on wasm, and the same model in PyTorch eager on one CPU thread
 * (bench/torch/dense_recall.py), in alternating rounds of one run; prints ms/step of each (wall
 * time, and CPU time of the process, steadier on a loaded machine) and the ratio tfjs-wasm : torch
 * per round and of the medians. Skips the PyTorch side, saying so, where
 * no Python with `torch` is found (`python3`, then `/usr/bin/python3`: Debian's python3-torch).
 * Run: `npx tsx bench/torch.bench.ts` (or `npm run bench -- torch`). Options: `--steps N` (20),
 * `--warmup N` (3), `--rounds N` (3).
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRegistry } from '../plugins/index.ts';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { errorMessage } from '../runtime/sdk/errors.ts';
import { numberArg } from './args.ts';
import { lastJsonLine, loadAverage, median } from './timing.ts';
import { timedPass, type StepWindow } from './trainProbe.ts';

const GRAPH = join(import.meta.dirname, 'graphs', 'gla-associative-recall-dense.graph.json');
const SCRIPT = join(import.meta.dirname, 'torch', 'dense_recall.py');
const WINDOW: StepWindow = { warmup: Math.max(1, numberArg('warmup', 3)), steps: Math.max(1, numberArg('steps', 20)) };
const ROUNDS = Math.max(1, numberArg('rounds', 3));

/** What dense_recall.py prints. */
interface TorchRun {
  readonly torch: string;
  readonly threads: number;
  readonly params: number;
  readonly msPerStep: number;
  readonly cpuMsPerStep: number;
}

/** The first Python that imports torch, or why there is none. */
function findTorchPython(): { python: string } | { missing: string } {
  const tried: string[] = [];
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return { python };
    } catch {
      tried.push(python);
    }
  }
  return { missing: `no Python with torch (tried ${tried.join(', ')}); install it with \`apt-get install -y python3-torch\`` };
}

function runTorch(python: string): TorchRun {
  const out = execFileSync(python, [SCRIPT, '--steps', String(WINDOW.steps), '--warmup', String(WINDOW.warmup)], { encoding: 'utf8' });
  return lastJsonLine(out) as TorchRun;
}


const registry = builtinRegistry();
const loaded = loadGraph(await readFile(GRAPH, 'utf8'), registry);
if (!loaded.ok) throw new Error(`${GRAPH}: ${loaded.errors.map((e) => e.message).join('; ')}`);
const compiled = compileGraph(loaded.doc, registry);
if (!compiled.ok) throw new Error(`${GRAPH}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
const engine = new Engine();
const backend = await engine.init('wasm');
engine.load(compiled.plan, builtinLowerings);
const torch = findTorchPython();
console.log(
  `torch bench: dense-only GLA associative recall (${compiled.plan.paramCount.toLocaleString('en-US')} params), ${WINDOW.warmup} warm-up + ${WINDOW.steps} measured steps per side per round, ${ROUNDS} rounds; tfjs ${backend.name} (${backend.reason}); load average ${loadAverage()}`,
);
if ('missing' in torch) console.log(`PyTorch side skipped: ${torch.missing}`);
console.log('');
console.log('| round | tfjs-wasm ms/step | torch ms/step | ratio tfjs : torch | tfjs-wasm CPU ms/step | torch CPU ms/step | CPU ratio |');
console.log('|---|---|---|---|---|---|---|');
const ours: number[] = [];
const theirs: number[] = [];
const oursCpu: number[] = [];
const theirsCpu: number[] = [];
let torchInfo: TorchRun | undefined;
for (let round = 1; round <= ROUNDS; round++) {
  const timed = await timedPass(engine, WINDOW);
  ours.push(timed.msPerStep);
  oursCpu.push(timed.cpuMsPerStep);
  let cells = ['skipped', '', timed.cpuMsPerStep.toFixed(1), 'skipped', ''];
  if ('python' in torch) {
    try {
      const t = runTorch(torch.python);
      torchInfo = t;
      theirs.push(t.msPerStep);
      theirsCpu.push(t.cpuMsPerStep);
      cells = [t.msPerStep.toFixed(1), `${(timed.msPerStep / t.msPerStep).toFixed(2)}x`, timed.cpuMsPerStep.toFixed(1), t.cpuMsPerStep.toFixed(1), `${(timed.cpuMsPerStep / t.cpuMsPerStep).toFixed(2)}x`];
    } catch (e) {
      cells[0] = `failed: ${errorMessage(e).split('\n')[0]}`;
    }
  }
  console.log(`| ${round} | ${timed.msPerStep.toFixed(1)} | ${cells.join(' | ')} |`);
}
if (theirs.length > 0) {
  const ratio = (a: number[], b: number[]): string => `${(median(a) / median(b)).toFixed(2)}x`;
  console.log(
    `| median | ${median(ours).toFixed(1)} | ${median(theirs).toFixed(1)} | ${ratio(ours, theirs)} | ${median(oursCpu).toFixed(1)} | ${median(theirsCpu).toFixed(1)} | ${ratio(oursCpu, theirsCpu)} |`,
  );
  console.log('');
  console.log(`PyTorch ${torchInfo?.torch} (${torchInfo?.threads} thread, ${torchInfo?.params.toLocaleString('en-US')} params); load average at the end ${loadAverage()}`);
}
engine.dispose();
console.log(`tensors left: ${tf.memory().numTensors}`);
