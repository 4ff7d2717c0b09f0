/**
 * Text generation in the worker ("Try it" for language models): the engine's trained weights run
 * token by token through the plugins' step forms (O(1) per token in the context length), or, when
 * a node has none, by re-running the window for every token (the result says so). Text goes back
 * to the page in chunks while it is generated; `shouldStop` ends it between tokens.
 */
import { builtinStepForms } from '../plugins/stepForms.ts';
import type { Engine } from '../runtime/exec/engine.ts';
import { sampleToken } from '../runtime/exec/sequence/sampling.ts';
import { nodesWithoutStepForm, startStepSession, windowLogits, type SequenceModel } from '../runtime/exec/sequence/stepper.ts';
import { logitsOutput, textCodec } from '../runtime/exec/sequence/textCodec.ts';
import { createRng } from '../runtime/lower/rng.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { GenerateEvent, GenerateRequest, GenerateResult } from './engineApi.ts';

/** Most tokens one request may ask for. */
export const MAX_GENERATE_TOKENS = 5000;
/** Text is sent to the page at most this often (ms); the worker also reads messages (Stop) then. */
const FLUSH_MS = 50;

function checkRequest(r: GenerateRequest): void {
  if (!Number.isInteger(r.tokens) || r.tokens < 1 || r.tokens > MAX_GENERATE_TOKENS) throw new NetwrightError('ENGINE_GENERATE_OPTIONS', `tokens must be a whole number from 1 to ${MAX_GENERATE_TOKENS} (got ${r.tokens})`);
  if (!Number.isFinite(r.temperature) || r.temperature < 0 || r.temperature > 100) throw new NetwrightError('ENGINE_GENERATE_OPTIONS', `temperature must be a number from 0 to 100 (got ${r.temperature})`);
  if (!Number.isInteger(r.topK) || r.topK < 0) throw new NetwrightError('ENGINE_GENERATE_OPTIONS', `top-k must be a whole number >= 0 (got ${r.topK})`);
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Generates `request.tokens` tokens after `request.prompt` with the engine's loaded plan and
 * weights. `send` receives a `start` event (how it generates) and `text` events in order.
 */
export async function generateText(engine: Engine, request: GenerateRequest, send: (events: GenerateEvent[]) => void, shouldStop: () => boolean): Promise<GenerateResult> {
  checkRequest(request);
  const loaded = engine.loadedModel();
  const { node, codec } = textCodec(loaded.plan);
  const model: SequenceModel = { ...loaded, stepForms: new Map(builtinStepForms.map((f) => [f.id, f])), dataNode: node, output: logitsOutput(loaded.plan) };
  const ids = codec.encode(request.prompt.length > 0 ? request.prompt : '\n');
  const missing = nodesWithoutStepForm(model);
  const mode = missing.length === 0 ? 'step' : 'window';
  const fallback = mode === 'window' ? `no step form for ${missing.join(', ')}: re-running the window (up to ${codec.context} tokens) for every token` : undefined;
  send([{ kind: 'start', mode, ...(fallback ? { fallback } : {}) }]);
  const rng = createRng(request.seed ?? 0);
  const options = { temperature: request.temperature, topK: request.topK };
  const out: number[] = [];
  let sent = 0;
  let lastFlush = performance.now();
  const flush = async (force: boolean): Promise<void> => {
    if (!force && performance.now() - lastFlush < FLUSH_MS) return;
    if (out.length > sent) send([{ kind: 'text', text: codec.decode(out.slice(sent)) }]);
    sent = out.length;
    lastFlush = performance.now();
    await macrotask();
  };
  const started = performance.now();
  let afterPrompt = started;
  const session = mode === 'step' ? startStepSession(model) : undefined;
  try {
    let logits: Float32Array = new Float32Array(0);
    if (session) for (const id of ids) logits = await session.push(id);
    afterPrompt = performance.now();
    const all = [...ids];
    while (out.length < request.tokens && !shouldStop()) {
      if (!session) logits = await windowLogits(model, all.slice(-codec.context));
      const next = sampleToken(logits, options, rng);
      out.push(next);
      all.push(next);
      if (session && out.length < request.tokens) logits = await session.push(next);
      await flush(false);
    }
    await flush(true);
  } finally {
    session?.dispose();
  }
  const ms = performance.now() - afterPrompt;
  return { text: codec.decode(out), mode, ...(fallback ? { fallback } : {}), tokens: out.length, promptMs: afterPrompt - started, msPerToken: out.length > 0 ? ms / out.length : 0, stopped: out.length < request.tokens };
}
