/** Picking the next token from logits: temperature, top-k, a seeded generator. Host code, float64. */
import type { Rng } from '../../lower/rng.ts';

/** How the next token is drawn. */
export interface SamplingOptions {
  /** Divides the logits; 0 = always the most likely token. */
  readonly temperature: number;
  /** Only the k most likely tokens are drawn from; 0 = all. */
  readonly topK: number;
}

/** Draws a token id from `logits` (or takes the arg-max at temperature 0). */
export function sampleToken(logits: Float32Array, opts: SamplingOptions, rng: Rng): number {
  const order = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]!);
  if (opts.temperature <= 0) return order[0]!;
  const kept = opts.topK > 0 ? order.slice(0, opts.topK) : order;
  const max = logits[kept[0]!]!;
  const weights = kept.map((i) => Math.exp((logits[i]! - max) / opts.temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let j = 0; j < kept.length; j++) {
    u -= weights[j]!;
    if (u <= 0) return kept[j]!;
  }
  return kept[kept.length - 1]!;
}
