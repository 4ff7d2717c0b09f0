import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { accuracySpec } from './accuracy/spec.ts';
import { adamSpec } from './adam/spec.ts';
import { adamwSpec } from './adamw/spec.ts';
import { associativeRecallSpec } from './associative-recall/spec.ts';
import { constantLrSpec } from './constant-lr/spec.ts';
import { cosineSpec } from './cosine/spec.ts';
import { crossEntropySpec } from './cross-entropy/spec.ts';
import { csvSpec } from './csv/spec.ts';
import { delayedRecallSpec } from './delayed-recall/spec.ts';
import { gaussianBlobsSpec } from './gaussian-blobs/spec.ts';
import { imageDatasetSpec } from './image-dataset/spec.ts';
import { linearDecaySpec } from './linear-decay/spec.ts';
import { mseSpec } from './mse/spec.ts';
import { paritySpec } from './parity/spec.ts';
import { sgdSpec } from './sgd/spec.ts';
import { sineRegressionSpec } from './sine-regression/spec.ts';
import { textCorpusSpec } from './text-corpus/spec.ts';
import { twoSpiralsSpec } from './two-spirals/spec.ts';
import { warmupSpec } from './warmup/spec.ts';

/** Specs of the training plugin group, in palette order. */
export const trainingSpecs: readonly AnyPluginSpec[] = [
  twoSpiralsSpec,
  gaussianBlobsSpec,
  sineRegressionSpec,
  paritySpec,
  associativeRecallSpec,
  delayedRecallSpec,
  csvSpec,
  textCorpusSpec,
  imageDatasetSpec,
  crossEntropySpec,
  mseSpec,
  accuracySpec,
  sgdSpec,
  adamSpec,
  adamwSpec,
  constantLrSpec,
  linearDecaySpec,
  cosineSpec,
  warmupSpec,
];
