/**
 * A graph file and its trained weights as a {@link SequenceModel} for generation: the text corpus
 * node gives the vocabulary and the ids port, the loss node's `pred` input is the output read as
 * logits. Shared by `sample` and the generation bench.
 */
import { readFile } from 'node:fs/promises';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { tensorKey } from '../runtime/compile/plan.ts';
import { indexLowerings } from '../runtime/exec/lowerings.ts';
import type { SequenceModel } from '../runtime/exec/sequence/stepper.ts';
import { createWeights } from '../runtime/exec/weights.ts';
import { importWeightsInto } from '../runtime/exec/weightsFile.ts';
import { unpackWeights } from '../runtime/exec/weightsPack.ts';
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { builtinStepForms } from '../plugins/stepForms.ts';
import { vocabChars } from '../plugins/text-corpus/corpus.ts';

/** The text side of a language model: how prompt text becomes ids and ids become text. */
export interface TextCodec {
  readonly level: 'char' | 'byte';
  readonly context: number;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

function fail(code: string, message: string, node?: string): never {
  throw new NetwrightError(code, message, node === undefined ? {} : { node });
}

/** The codec of the plan's text corpus node; throws when the graph has none. */
export function textCodec(plan: ExecutionPlan): { node: string; codec: TextCodec } {
  const step = plan.steps.find((s) => s.type === 'text-corpus');
  if (!step) return fail('CLI_SAMPLE_MODEL', 'this graph has no text-corpus node: sample generates text from language models trained on one');
  const p = step.params as { level: 'char' | 'byte'; vocab: string; context: number };
  const chars = vocabChars(p.vocab);
  if (p.level === 'char' && chars.length === 0) fail('CLI_SAMPLE_MODEL', `node "${step.node}": the vocabulary is empty; train the graph first (train records it)`, step.node);
  const index = new Map(chars.map((c, i) => [c, i]));
  const codec: TextCodec =
    p.level === 'byte'
      ? { level: 'byte', context: p.context, encode: (t) => Array.from(new TextEncoder().encode(t)), decode: (ids) => new TextDecoder().decode(Uint8Array.from(ids)) }
      : {
          level: 'char',
          context: p.context,
          encode: (t) =>
            Array.from(t, (c, i) => {
              const id = index.get(c);
              if (id === undefined) fail('CLI_SAMPLE_PROMPT', `the prompt's character ${JSON.stringify(c)} (at ${i}) is not in the vocabulary of node "${step.node}" (${chars.length} characters)`, step.node);
              return id;
            }),
          decode: (ids) => ids.map((i) => chars[i] ?? '').join(''),
        };
  return { node: step.node, codec };
}

/** The output the loss scores (`node:port` of its `pred` input). */
export function logitsOutput(plan: ExecutionPlan): string {
  for (const node of plan.roles.loss) {
    const pred = plan.steps.find((s) => s.node === node)?.inputs.pred;
    if (pred) return tensorKey(pred);
  }
  return fail('CLI_SAMPLE_MODEL', 'no loss node with a "pred" input: cannot tell which output is the next-token logits');
}

/** Reads a weights file (`.bin` packed, else JSON). */
export async function readWeightsFile(path: string): Promise<unknown> {
  const bytes = await readFile(path);
  return path.endsWith('.bin') ? unpackWeights(new Uint8Array(bytes)) : (JSON.parse(bytes.toString('utf8')) as unknown);
}

/** Builds the model: weights from `weights` (or the seeded initialisation when undefined). */
export function sequenceModel(plan: ExecutionPlan, lowerings: readonly AnyPluginLowering[], weights: unknown): SequenceModel & { codec: TextCodec } {
  const { node, codec } = textCodec(plan);
  const map = indexLowerings(lowerings);
  const store = createWeights(plan, map, 0);
  try {
    if (weights !== undefined) importWeightsInto(store, plan, weights);
  } catch (e) {
    store.dispose();
    throw e;
  }
  return { plan, lowerings: map, stepForms: new Map(builtinStepForms.map((f) => [f.id, f])), store, dataNode: node, output: logitsOutput(plan), codec };
}
