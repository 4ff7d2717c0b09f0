/**
 * The packed weight file (`*.weights.bin`): `NWW1`, a little-endian uint32 header length, a
 * JSON header naming every tensor's offset, padding to 4 bytes, then the raw little-endian
 * tensor data. Packing and unpacking need no tfjs, so the format lives here, where the engine
 * (through `runtime/exec/weightsPack.ts`) and the editor's PyTorch export both read it.
 */
import { NetwrightError } from '../sdk/errors.ts';
import { parseStrictJson } from './strictJson.ts';

/** One tensor of a packed weight file, its values as a typed array. */
export interface PackedTensor {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array | Int32Array;
}

/**
 * What a packed weight file holds: weights by `node/weight` in `tensors`, node state by
 * `node/name` in `state` (the engine's binary weight form, `WeightsBinary`).
 */
export interface PackedWeights {
  readonly format: 'netwright.weights.bin';
  readonly version: 1;
  readonly graphHash: string;
  readonly tensors: Readonly<Record<string, PackedTensor>>;
  readonly state?: Readonly<Record<string, PackedTensor>>;
}

interface PackedEntry {
  readonly key: string;
  readonly section: 'tensors' | 'state';
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** Byte offset from the start of the data block. */
  readonly offset: number;
  readonly length: number;
}

interface PackedHeader {
  readonly format: 'netwright.weights.bin';
  readonly version: 1;
  readonly graphHash: string;
  readonly entries: readonly PackedEntry[];
}

const MAGIC = [0x4e, 0x57, 0x57, 0x31]; // "NWW1"

// TextEncoder/TextDecoder exist in every runtime we target, but not in the ES-only lib the
// runtime is type-checked against; typed here rather than pulling in DOM types.
interface TextCodecs {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new () => { decode(b: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;

/** Packs `weights` into one buffer. */
export function packWeightFile(weights: PackedWeights): Uint8Array {
  const entries: PackedEntry[] = [];
  let offset = 0;
  const add = (section: 'tensors' | 'state', m: Readonly<Record<string, PackedTensor>>): void => {
    for (const [key, t] of Object.entries(m)) {
      entries.push({ key, section, shape: t.shape, dtype: t.dtype, offset, length: t.data.length });
      offset += t.data.length * 4;
    }
  };
  add('tensors', weights.tensors);
  add('state', weights.state ?? {});
  const header: PackedHeader = { format: weights.format, version: weights.version, graphHash: weights.graphHash, entries };
  const json = new codecs.TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((8 + json.length) / 4) * 4;
  const out = new Uint8Array(dataStart + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  const view = new DataView(out.buffer, dataStart);
  for (const e of entries) {
    const src = (e.section === 'tensors' ? weights.tensors : weights.state!)[e.key]!.data;
    for (let i = 0; i < src.length; i++) {
      if (e.dtype === 'int32') view.setInt32(e.offset + 4 * i, src[i]!, true);
      else view.setFloat32(e.offset + 4 * i, src[i]!, true);
    }
  }
  return out;
}

function corrupt(why: string): never {
  throw new NetwrightError('WEIGHTS_FORMAT', `not a Netwright binary weight file: ${why}`);
}

/**
 * Unpacks a buffer made by {@link packWeightFile}; the import step checks it against a graph.
 * Throws a `WEIGHTS_FORMAT` error saying what is wrong with the bytes (naming the entry).
 */
export function unpackWeightFile(bytes: Uint8Array): PackedWeights {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) corrupt('it does not start with NWW1');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = dv.getUint32(4, true);
  if (8 + headerLength > bytes.length) corrupt('the header is truncated');
  const parsed = parseStrictJson(new codecs.TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  if (!parsed.ok) corrupt(`the header is not valid JSON (${parsed.problem.message})`);
  const header = parsed.value as PackedHeader;
  const entries: unknown = header.entries;
  if (!Array.isArray(entries)) corrupt('the header has no entries');
  const dataStart = Math.ceil((8 + headerLength) / 4) * 4;
  const tensors: Record<string, PackedTensor> = {};
  const state: Record<string, PackedTensor> = {};
  for (const e of entries as PackedEntry[]) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0) corrupt(`entry ${e.key} has a bad offset`);
    if (dataStart + e.offset + e.length * 4 > bytes.length) corrupt(`entry ${e.key} runs past the end of the file`);
    const data = e.dtype === 'int32' ? new Int32Array(e.length) : new Float32Array(e.length);
    for (let i = 0; i < e.length; i++) {
      const at = dataStart + e.offset + 4 * i;
      data[i] = e.dtype === 'int32' ? dv.getInt32(at, true) : dv.getFloat32(at, true);
    }
    (e.section === 'state' ? state : tensors)[e.key] = { shape: e.shape, dtype: e.dtype, data };
  }
  return { format: 'netwright.weights.bin', version: header.version, graphHash: header.graphHash, tensors, state };
}
