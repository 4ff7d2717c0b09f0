import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { activationSpec } from './activation/spec.ts';
import { addSpec } from './add/spec.ts';
import { batchNormSpec } from './batch-norm/spec.ts';
import { concatSpec } from './concat/spec.ts';
import { conv1dSpec } from './conv1d/spec.ts';
import { conv2dSpec } from './conv2d/spec.ts';
import { denseSpec } from './dense/spec.ts';
import { dropoutSpec } from './dropout/spec.ts';
import { embeddingSpec } from './embedding/spec.ts';
import { flattenSpec } from './flatten/spec.ts';
import { globalPoolSpec } from './global-pool/spec.ts';
import { inputSpec } from './input/spec.ts';
import { layerNormSpec } from './layer-norm/spec.ts';
import { pool2dSpec } from './pool2d/spec.ts';
import { reshapeSpec } from './reshape/spec.ts';
import { selectLastSpec } from './select-last/spec.ts';
import { softmaxSpec } from './softmax/spec.ts';
import { tokenShiftSpec } from './token-shift/spec.ts';

/** Specs of the core plugin group, in palette order. */
export const coreSpecs: readonly AnyPluginSpec[] = [
  inputSpec,
  denseSpec,
  activationSpec,
  embeddingSpec,
  conv1dSpec,
  conv2dSpec,
  pool2dSpec,
  globalPoolSpec,
  layerNormSpec,
  batchNormSpec,
  dropoutSpec,
  addSpec,
  concatSpec,
  reshapeSpec,
  flattenSpec,
  softmaxSpec,
  tokenShiftSpec,
  selectLastSpec,
];
