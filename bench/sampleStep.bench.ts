/**
 * Generation bench (a script, not a test): time per generated token of the GLA language model
 * example (graphs/gla-char-lm) with its context set to `--context N` (default 512), through the
 * step forms (O(1) per token) and by re-running the window of N tokens per token, in one run on
 * wasm. Weights are the seeded initialisation (time does not depend on their values). Run:
 * `npx tsx bench/sampleStep.bench.ts` (or `npx netwright bench sampleStep`); `--tokens N`,
 * `--window-tokens N`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRegistry } from '../plugins/index.ts';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { startStepSession, windowLogits } from '../runtime/exec/sequence/stepper.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { setParams } from '../runtime/graph/commands.ts';
import { sequenceModel } from '../cli/languageModel.ts';
import { numberArg } from './args.ts';

const CONTEXT = numberArg('context', 512);
const TOKENS = numberArg('tokens', 64);
const WINDOW_TOKENS = numberArg('window-tokens', 8);

const engine = new Engine();
await engine.init('wasm');
const registry = builtinRegistry();
const loaded = loadGraph(await readFile(join(import.meta.dirname, '..', 'graphs', 'gla-char-lm.graph.json'), 'utf8'), registry);
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
const compiled = compileGraph(setParams(loaded.doc, { node: 'data', params: { context: CONTEXT } }), registry);
if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
const model = sequenceModel(compiled.plan, builtinLowerings, undefined);
const prompt = Array.from({ length: CONTEXT }, (_, i) => (i * 7) % 65);

// Step forms: prefill the context, then time each further token.
const session = startStepSession(model);
let t0 = performance.now();
for (const id of prompt) await session.push(id);
const prefillMs = performance.now() - t0;
t0 = performance.now();
for (let i = 0; i < TOKENS; i++) await session.push(i % 65);
const stepMs = (performance.now() - t0) / TOKENS;
session.dispose();

// Window: one forward over the last CONTEXT tokens per token (after one warm-up forward).
await windowLogits(model, prompt);
t0 = performance.now();
for (let i = 0; i < WINDOW_TOKENS; i++) await windowLogits(model, prompt);
const windowMs = (performance.now() - t0) / WINDOW_TOKENS;
model.store.dispose();

console.log(`GLA char LM, context ${CONTEXT}, wasm, batch 1`);
console.log(`| form | ms/token |`);
console.log(`|---|---|`);
console.log(`| step forms (prefill of ${CONTEXT} tokens: ${prefillMs.toFixed(0)} ms) | ${stepMs.toFixed(2)} |`);
console.log(`| re-run the window of ${CONTEXT} | ${windowMs.toFixed(2)} |`);
console.log(`window / step: ${(windowMs / stepMs).toFixed(1)}x`);
console.log(`live tensors: ${tf.memory().numTensors}`);
engine.dispose();
