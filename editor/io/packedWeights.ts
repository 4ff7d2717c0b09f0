/**
 * A packed weight file (`*.weights.bin` as the engine exports it: `NWW1`, a little-endian
 * uint32 header length, a JSON header naming every tensor's offset, data aligned to 4 bytes)
 * as the `netwright.weights` JSON form the PyTorch export writes. The editor does not reach
 * runtime/exec, so this reads the format on its own.
 */

interface PackedEntry {
  readonly key: string;
  readonly section: 'tensors' | 'state';
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly offset: number;
  readonly length: number;
}

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

/** Converts packed bytes to the JSON form; throws naming what is wrong with the bytes. */
export function packedToJson(bytes: Uint8Array): WeightsJson {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < 8 || magic !== 'NWW1') throw new Error('not a Netwright binary weight file (no NWW1)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = dv.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as {
    version: number;
    graphHash: string;
    entries: PackedEntry[];
  };
  const start = Math.ceil((8 + length) / 4) * 4;
  const out: WeightsJson = { format: 'netwright.weights', version: header.version, graphHash: header.graphHash, tensors: {}, state: {} };
  for (const e of header.entries) {
    if (start + e.offset + 4 * e.length > bytes.length) throw new Error(`weight ${e.key} runs past the end of the file`);
    const data: number[] = [];
    for (let i = 0; i < e.length; i++) {
      const at = start + e.offset + 4 * i;
      data.push(e.dtype === 'int32' ? dv.getInt32(at, true) : dv.getFloat32(at, true));
    }
    out[e.section][e.key] = { shape: e.shape, dtype: e.dtype, data };
  }
  return out;
}
