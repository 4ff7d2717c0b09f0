/** The line `train` ends with for a language model: its loss in bits per character beside the unigram baseline. */
import type { Metrics } from '../runtime/exec/trainTypes.ts';
import { natsToBits } from '../plugins/text-corpus/corpus.ts';

/** `eval loss 1.712 nats = 2.470 bits/char (unigram baseline 4.829 bits/char)`. */
export function bitsLine(metrics: Metrics, unigramBits: number): string {
  const loss = metrics.loss;
  const baseline = `unigram baseline ${unigramBits.toFixed(3)} bits/char`;
  if (loss === undefined) return baseline;
  return `loss ${loss.toFixed(3)} nats = ${natsToBits(loss).toFixed(3)} bits/char (${baseline})`;
}
