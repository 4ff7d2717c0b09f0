import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { accuracyLowering } from './accuracy/lower.ts';
import { adamLowering } from './adam/lower.ts';
import { adamwLowering } from './adamw/lower.ts';
import { associativeRecallLowering } from './associative-recall/lower.ts';
import { constantLrLowering } from './constant-lr/lower.ts';
import { cosineLowering } from './cosine/lower.ts';
import { crossEntropyLowering } from './cross-entropy/lower.ts';
import { csvLowering } from './csv/lower.ts';
import { delayedRecallLowering } from './delayed-recall/lower.ts';
import { gaussianBlobsLowering } from './gaussian-blobs/lower.ts';
import { imageDatasetLowering } from './image-dataset/lower.ts';
import { linearDecayLowering } from './linear-decay/lower.ts';
import { mseLowering } from './mse/lower.ts';
import { parityLowering } from './parity/lower.ts';
import { sgdLowering } from './sgd/lower.ts';
import { sineRegressionLowering } from './sine-regression/lower.ts';
import { textCorpusLowering } from './text-corpus/lower.ts';
import { twoSpiralsLowering } from './two-spirals/lower.ts';
import { warmupLowering } from './warmup/lower.ts';

/** Lowerings of the training plugin group. */
export const trainingLowerings: readonly AnyPluginLowering[] = [
  twoSpiralsLowering,
  gaussianBlobsLowering,
  sineRegressionLowering,
  parityLowering,
  associativeRecallLowering,
  delayedRecallLowering,
  csvLowering,
  textCorpusLowering,
  imageDatasetLowering,
  crossEntropyLowering,
  mseLowering,
  accuracyLowering,
  sgdLowering,
  adamLowering,
  adamwLowering,
  constantLrLowering,
  linearDecayLowering,
  cosineLowering,
  warmupLowering,
];
