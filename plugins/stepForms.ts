/**
 * Step forms of the built-in plugins (runtime/exec/sequence/stepForm.ts): how each node runs one
 * token at a time for generation. Position-wise nodes reuse their forward; recurrent ones carry
 * a state. A node missing here makes generation re-run the whole window per token.
 */
import { positionwiseStepForm, type AnyStepForm } from '../runtime/exec/sequence/stepForm.ts';
import { activationSpec } from './activation/spec.ts';
import { addSpec } from './add/spec.ts';
import { denseSpec } from './dense/spec.ts';
import { dropoutSpec } from './dropout/spec.ts';
import { embeddingSpec } from './embedding/spec.ts';
import { glaStepForm } from './gla/step.ts';
import { layerNormSpec } from './layer-norm/spec.ts';
import { lsslStepForm } from './lssl/step.ts';
import { softmaxSpec } from './softmax/spec.ts';
import { tokenShiftStepForm } from './token-shift/step.ts';

/** Every built-in step form. */
export const builtinStepForms: readonly AnyStepForm[] = [
  ...[activationSpec, addSpec, denseSpec, dropoutSpec, embeddingSpec, layerNormSpec, softmaxSpec].map(positionwiseStepForm),
  glaStepForm,
  lsslStepForm,
  tokenShiftStepForm,
];
