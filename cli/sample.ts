/**
 * `netwright sample FILE --weights W`: generate text from a trained language model, token by
 * token. With step forms for every node (GLA, LSSL, token shift and the position-wise nodes) each
 * token costs O(1) in the context length; otherwise it re-runs the window and says so.
 */
import { createRng, type Rng } from '../runtime/lower/rng.ts';
import { sampleToken, type SamplingOptions } from '../runtime/exec/sequence/sampling.ts';
import { nodesWithoutStepForm, startStepSession, windowLogits } from '../runtime/exec/sequence/stepper.ts';
import { parseArgs, UsageError } from './args.ts';
import { compileCommandGraph, runOnBackend } from './commandGraph.ts';
import type { CliIO } from './io.ts';
import { readWeightsFile, sequenceModel } from './languageModel.ts';

/** The model `sample` generates with: {@link sequenceModel}'s result. */
type LanguageModel = ReturnType<typeof sequenceModel>;

/** Usage text of the sample command. */
export const SAMPLE_USAGE =
  'netwright sample FILE --weights W [--prompt TEXT] [--tokens N] [--temperature T] [--top-k K] [--seed S]\n' +
  '                      [--window] [--backend wasm|cpu] [--plugin MODULE]...\n' +
  '  --prompt TEXT        text to continue (default: a new line)\n' +
  '  --tokens N           tokens to generate (default 200)\n' +
  '  --temperature T      0 = always the most likely token; default 0.8\n' +
  '  --top-k K            draw only from the K most likely tokens; 0 = all (default)\n' +
  '  --window             re-run the window for every token even when step forms exist (to compare)';

const FLAGS = {
  weights: 'string',
  prompt: 'string',
  tokens: 'int',
  temperature: 'string',
  'top-k': 'int',
  seed: 'int',
  window: 'bool',
  backend: ['wasm', 'cpu'],
  plugin: 'list',
} as const;

function numberFlag(v: string | undefined, name: string, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--${name} must be a number from 0 to 100`);
  return n;
}

/** How many tokens to draw and how, and where the timing note goes. */
interface Draw {
  readonly tokens: number;
  readonly options: SamplingOptions;
  readonly rng: Rng;
  readonly io: CliIO;
}

/** Generates `tokens` ids after `ids` through the step forms (O(1) per token); notes the timing on stderr. */
async function generateStepping(model: LanguageModel, ids: readonly number[], { tokens, options, rng, io }: Draw): Promise<number[]> {
  const out: number[] = [];
  const started = performance.now();
  const session = startStepSession(model);
  try {
    let logits: Float32Array = new Float32Array(0);
    for (const id of ids) logits = await session.push(id);
    const afterPrompt = performance.now();
    for (let i = 0; i < tokens; i++) {
      const next = sampleToken(logits, options, rng);
      out.push(next);
      if (i < tokens - 1) logits = await session.push(next);
    }
    io.err(`prompt ${ids.length} tokens in ${((afterPrompt - started) / 1000).toFixed(2)} s; ${tokens} tokens in ${((performance.now() - afterPrompt) / 1000).toFixed(2)} s (${((performance.now() - afterPrompt) / tokens).toFixed(1)} ms/token)\n`);
  } finally {
    session.dispose();
  }
  return out;
}

/** Generates `tokens` ids after `ids` by re-running the window for each; notes the timing on stderr. */
async function generateWindowed(model: LanguageModel, ids: readonly number[], { tokens, options, rng, io }: Draw): Promise<number[]> {
  const out: number[] = [];
  const started = performance.now();
  const all = [...ids];
  for (let i = 0; i < tokens; i++) {
    const next = sampleToken(await windowLogits(model, all.slice(-model.codec.context)), options, rng);
    out.push(next);
    all.push(next);
  }
  io.err(`${tokens} tokens in ${((performance.now() - started) / 1000).toFixed(2)} s (${((performance.now() - started) / tokens).toFixed(1)} ms/token)\n`);
  return out;
}

/** Runs the sample command; returns the exit code. */
export async function runSample(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length !== 1) throw new UsageError('sample needs exactly one FILE');
  const weightsFile = flags.weights;
  if (weightsFile === undefined) throw new UsageError('sample needs --weights W (from train --save-weights)');
  const file = positional[0]!;
  const tokens = flags.tokens ?? 200;
  if (tokens < 1 || tokens > 100_000) throw new UsageError('--tokens must be an integer from 1 to 100000');
  const topK = flags['top-k'] ?? 0;
  if (topK < 0) throw new UsageError('--top-k must be >= 0');
  const options = { temperature: numberFlag(flags.temperature, 'temperature', 0.8), topK };
  const graph = await compileCommandGraph(file, flags.plugin ?? [], io, { warnings: false });
  if (!graph) return 1;
  return runOnBackend(file, flags.backend ?? 'wasm', io, async () => {
    const model = sequenceModel(graph.compiled.plan, graph.plugins.lowerings, await readWeightsFile(weightsFile));
    try {
      const { codec } = model;
      const prompt = flags.prompt ?? '\n';
      const ids = codec.encode(prompt);
      if (ids.length === 0) throw new UsageError('--prompt is empty');
      const missing = nodesWithoutStepForm(model);
      const stepping = missing.length === 0 && flags.window !== true;
      io.err(
        stepping
          ? 'generating with the step forms: O(1) per token\n'
          : `generating by re-running the window (up to ${codec.context} tokens) for every token: ${flags.window === true ? '--window' : `no step form for ${missing.join(', ')}`}\n`,
      );
      const rng = createRng(flags.seed ?? 0);
      const draw = { tokens, options, rng, io };
      const out = stepping ? await generateStepping(model, ids, draw) : await generateWindowed(model, ids, draw);
      io.out(`${prompt}${codec.decode(out)}\n`);
      return 0;
    } finally {
      model.store.dispose();
    }
  });
}
