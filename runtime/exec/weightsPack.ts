/**
 * The binary weight file packed into one byte buffer for disk (`*.weights.bin`) and back, typed
 * with the engine's {@link WeightsBinary}. The format itself needs no tfjs and lives in
 * `runtime/file/packedWeights.ts`, which the editor reads too; these bindings let the compiler
 * check that the two types stay the same shape.
 */
import { packWeightFile, unpackWeightFile } from '../file/packedWeights.ts';
import type { WeightsBinary } from './weightsFile.ts';

/** Packs `bin` into one buffer. */
export const packWeights: (bin: WeightsBinary) => Uint8Array = packWeightFile;

/** Unpacks a buffer made by {@link packWeights}; the import step checks it against a graph. */
export const unpackWeights: (bytes: Uint8Array) => WeightsBinary = unpackWeightFile;
