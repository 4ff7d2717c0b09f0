/**
 * A packed weight file (`*.weights.bin` as the engine exports it; the format is
 * `runtime/file/packedWeights.ts`) as the `netwright.weights` JSON form the PyTorch export
 * writes.
 */
import { unpackWeightFile, type PackedTensor } from '../../runtime/file/packedWeights.ts';

/** One tensor of the JSON form. */
export interface JsonTensor {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: number[];
}

/** The `netwright.weights` JSON form. */
export interface WeightsJson {
  readonly format: 'netwright.weights';
  readonly version: number;
  readonly graphHash: string;
  readonly tensors: Record<string, JsonTensor>;
  readonly state: Record<string, JsonTensor>;
}

function toJson(tensors: Readonly<Record<string, PackedTensor>>): Record<string, JsonTensor> {
  return Object.fromEntries(Object.entries(tensors).map(([key, t]) => [key, { shape: t.shape, dtype: t.dtype, data: Array.from(t.data) }]));
}

/** Converts packed bytes to the JSON form; throws a `WEIGHTS_FORMAT` error naming what is wrong with the bytes. */
export function packedToJson(bytes: Uint8Array): WeightsJson {
  const packed = unpackWeightFile(bytes);
  return { format: 'netwright.weights', version: packed.version, graphHash: packed.graphHash, tensors: toJson(packed.tensors), state: toJson(packed.state ?? {}) };
}
