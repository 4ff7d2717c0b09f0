/**
 * The text side of a trained language model, read from its plan alone: the text corpus node's
 * vocabulary (prompt text to ids and back) and the output the loss scores (the next-token
 * logits). Shared by the CLI's `sample` and the worker's `generate`.
 */
import type { ExecutionPlan } from '../../compile/plan.ts';
import { tensorKey } from '../../compile/plan.ts';
import { NetwrightError } from '../../sdk/errors.ts';

/** The text side of a language model: how prompt text becomes ids and ids become text. */
export interface TextCodec {
  readonly level: 'char' | 'byte';
  readonly context: number;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

// TextEncoder/TextDecoder exist in every runtime we target, but not in the ES-only lib the
// runtime is type-checked against (as in runtime/file/packedWeights.ts).
interface TextCodecs {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new () => { decode(b: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;

function fail(code: string, message: string, node?: string): never {
  throw new NetwrightError(code, message, node === undefined ? {} : { node });
}

/** The codec of the plan's text corpus node; throws when the graph has none. */
export function textCodec(plan: ExecutionPlan): { node: string; codec: TextCodec } {
  const step = plan.steps.find((s) => s.type === 'text-corpus');
  if (!step) return fail('CLI_SAMPLE_MODEL', 'this graph has no text-corpus node: sample generates text from language models trained on one');
  const p = step.params as { level: 'char' | 'byte'; vocab: string; context: number };
  const chars = Array.from(p.vocab);
  if (p.level === 'char' && chars.length === 0) fail('CLI_SAMPLE_MODEL', `node "${step.node}": the vocabulary is empty; train the graph first (train records it)`, step.node);
  const index = new Map(chars.map((c, i) => [c, i]));
  const codec: TextCodec =
    p.level === 'byte'
      ? { level: 'byte', context: p.context, encode: (t) => Array.from(new codecs.TextEncoder().encode(t)), decode: (ids) => new codecs.TextDecoder().decode(Uint8Array.from(ids)) }
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
