/** Dispatch over the three equivalent forms of the GLA core. */
import type { Tensor } from '@tensorflow/tfjs-core';
import { fusedRecurrenceAvailable, gatedRecurrence } from '../../../runtime/exec/wasmGatedRecurrence.ts';
import type { CoreInputs } from '../projections.ts';
import type { GlaParams } from '../spec.ts';
import { glaChunkwise, glaChunkwiseOutput } from './chunkwise.ts';
import { glaParallel } from './parallel.ts';
import { glaRecurrent } from './recurrent.ts';
import type { CoreResult } from './types.ts';

export type { CoreResult } from './types.ts';
export { glaChunkwise, glaParallel, glaRecurrent };

/** Runs the core in the form the params choose (`mode`, `chunkSize`, `subChunkSize`). */
export function runCore(
  inp: CoreInputs,
  p: Pick<GlaParams, 'mode' | 'chunkSize' | 'subChunkSize'>,
  S0?: Tensor,
): CoreResult {
  switch (p.mode) {
    case 'recurrent':
      return glaRecurrent(inp, S0);
    case 'parallel':
      return glaParallel(inp, S0);
    case 'chunk':
      return glaChunkwise(inp, p.chunkSize, p.subChunkSize, S0);
  }
}

/**
 * The output o only, from a zero initial state (the lowering's forward). On wasm, whatever the
 * form, it is the fused recurrence (runtime/exec/wasmGatedRecurrence.ts: one kernel forward,
 * one backward, in place of ~80 small ones; docs/adr/0010). Elsewhere the chunkwise form skips
 * the work that only the final state needs; the other forms compute it anyway.
 */
export function runCoreOutput(inp: CoreInputs, p: Pick<GlaParams, 'mode' | 'chunkSize' | 'subChunkSize'>): Tensor {
  if (fusedRecurrenceAvailable()) return gatedRecurrence(inp.q, inp.k, inp.v, inp.g);
  return p.mode === 'chunk' ? glaChunkwiseOutput(inp, p.chunkSize, p.subChunkSize) : runCore(inp, p).o;
}
