import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { activationLowering } from './activation/lower.ts';
import { addLowering } from './add/lower.ts';
import { batchNormLowering } from './batch-norm/lower.ts';
import { concatLowering } from './concat/lower.ts';
import { conv1dLowering } from './conv1d/lower.ts';
import { conv2dLowering } from './conv2d/lower.ts';
import { denseLowering } from './dense/lower.ts';
import { dropoutLowering } from './dropout/lower.ts';
import { embeddingLowering } from './embedding/lower.ts';
import { flattenLowering } from './flatten/lower.ts';
import { globalPoolLowering } from './global-pool/lower.ts';
import { inputLowering } from './input/lower.ts';
import { layerNormLowering } from './layer-norm/lower.ts';
import { pool2dLowering } from './pool2d/lower.ts';
import { reshapeLowering } from './reshape/lower.ts';
import { selectLastLowering } from './select-last/lower.ts';
import { softmaxLowering } from './softmax/lower.ts';
import { tokenShiftLowering } from './token-shift/lower.ts';

/** Lowerings of the core plugin group. */
export const coreLowerings: readonly AnyPluginLowering[] = [
  inputLowering,
  denseLowering,
  activationLowering,
  embeddingLowering,
  conv1dLowering,
  conv2dLowering,
  pool2dLowering,
  globalPoolLowering,
  layerNormLowering,
  batchNormLowering,
  dropoutLowering,
  addLowering,
  concatLowering,
  reshapeLowering,
  flattenLowering,
  softmaxLowering,
  tokenShiftLowering,
  selectLastLowering,
];
