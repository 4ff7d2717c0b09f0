/**
 * A graph file and its trained weights as a {@link SequenceModel} for generation: the text corpus
 * node gives the vocabulary and the ids port, the loss node's `pred` input is the output read as
 * logits. Shared by `sample` and the generation bench.
 */
import { readFile } from 'node:fs/promises';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { indexLowerings } from '../runtime/exec/lowerings.ts';
import type { SequenceModel } from '../runtime/exec/sequence/stepper.ts';
import { createWeights } from '../runtime/exec/weights.ts';
import { importWeightsInto } from '../runtime/exec/weightsFile.ts';
import { unpackWeights } from '../runtime/exec/weightsPack.ts';
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { builtinStepForms } from '../plugins/stepForms.ts';
import { logitsOutput, textCodec, type TextCodec } from '../runtime/exec/sequence/textCodec.ts';

export { logitsOutput, textCodec, type TextCodec } from '../runtime/exec/sequence/textCodec.ts';

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
