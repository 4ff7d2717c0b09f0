/**
 * Weight files: a JSON form (`netwright.weights`, numbers in arrays, diff-friendly) and a
 * binary form whose tensors are typed arrays (transferable between worker and page, and
 * packable into one byte buffer for disk). Import checks everything before changing anything.
 */
import { NetwrightError } from '../sdk/errors.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import { tf } from './tf.ts';
import type { WeightStore } from './weights.ts';

/** One tensor of a weight file, its values as `Values`. */
interface WeightsTensor<Values> {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Values;
}

/** A weight file named `Format`: weights by `node/weight` in `tensors`, node state by `node/name` in `state`. */
interface WeightsFileOf<Format extends string, Tensor> {
  readonly format: Format;
  readonly version: 1;
  readonly graphHash: string;
  readonly tensors: Readonly<Record<string, Tensor>>;
  readonly state?: Readonly<Record<string, Tensor>>;
}

/** One tensor in the JSON form. */
export type WeightsFileTensor = WeightsTensor<readonly number[]>;

/** The JSON weight file. `tensors` are weights by `node/weight`; `state` node state by `node/name`. */
export type WeightsFile = WeightsFileOf<'netwright.weights', WeightsFileTensor>;

/** One tensor in the binary form. */
export type WeightsBinaryTensor = WeightsTensor<Float32Array | Int32Array>;

/** The binary weight file: same content, typed arrays instead of number lists. */
export type WeightsBinary = WeightsFileOf<'netwright.weights.bin', WeightsBinaryTensor>;

/** Options of {@link importWeightsInto}. */
export interface ImportWeightsOptions {
  /** Accept a file saved for a different graph when every key and shape still matches. */
  readonly allowOtherGraph?: boolean;
}

function readAll(vars: ReadonlyMap<string, { shape: number[]; dtype: string; dataSync(): ArrayLike<number> }>): Record<string, WeightsBinaryTensor> {
  const out: Record<string, WeightsBinaryTensor> = {};
  for (const [key, v] of vars) {
    const dtype = v.dtype === 'int32' ? 'int32' : 'float32';
    // eslint-disable-next-line no-restricted-properties -- export, not a training path; on webgpu the engine worker reads every variable asynchronously first (cacheVariablesOnCpu), so this reads host memory
    const raw = v.dataSync();
    out[key] = { shape: [...v.shape], dtype, data: dtype === 'int32' ? Int32Array.from(raw) : Float32Array.from(raw) };
  }
  return out;
}

/** Reads every weight and state variable into the binary form. */
export function exportBinary(store: WeightStore, graphHash: string): WeightsBinary {
  return { format: 'netwright.weights.bin', version: 1, graphHash, tensors: readAll(store.byKey), state: readAll(store.stateByKey) };
}

/** Converts the binary form to the JSON form. */
export function binaryToJson(bin: WeightsBinary): WeightsFile {
  const conv = (m: Readonly<Record<string, WeightsBinaryTensor>>): Record<string, WeightsFileTensor> =>
    Object.fromEntries(Object.entries(m).map(([k, t]) => [k, { shape: t.shape, dtype: t.dtype, data: Array.from(t.data) }]));
  return { format: 'netwright.weights', version: 1, graphHash: bin.graphHash, tensors: conv(bin.tensors), ...(bin.state ? { state: conv(bin.state) } : {}) };
}

/** The buffers of a binary file, for `postMessage` transfer lists. */
export function transferables(bin: WeightsBinary): ArrayBuffer[] {
  const all = [...Object.values(bin.tensors), ...Object.values(bin.state ?? {})];
  return [...new Set(all.map((t) => t.data.buffer as ArrayBuffer))];
}

function bad(code: string, message: string, path?: string): never {
  throw new NetwrightError(code, message, path ? { path } : {});
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one tensor of either form, checking it is self-consistent; `path` names it. */
function parseTensor(raw: unknown, path: string): WeightsBinaryTensor {
  if (!isRecord(raw)) bad('WEIGHTS_FORMAT', `${path}: expected an object with shape, dtype and data`, path);
  const { shape, dtype, data } = raw;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) bad('WEIGHTS_FORMAT', `${path}.shape: expected a list of non-negative integers`, `${path}.shape`);
  if (dtype !== 'float32' && dtype !== 'int32') bad('WEIGHTS_FORMAT', `${path}.dtype: expected "float32" or "int32"`, `${path}.dtype`);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  let values: Float32Array | Int32Array;
  if (data instanceof Float32Array || data instanceof Int32Array) values = data;
  else if (Array.isArray(data) && data.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    values = dtype === 'int32' ? Int32Array.from(data as number[]) : Float32Array.from(data as number[]);
  } else bad('WEIGHTS_FORMAT', `${path}.data: expected a list of finite numbers`, `${path}.data`);
  if (values.length !== size) bad('WEIGHTS_FORMAT', `${path}.data: has ${values.length} values but shape [${(shape as number[]).join(', ')}] needs ${size}`, `${path}.data`);
  return { shape: shape as number[], dtype, data: values };
}

function checkAgainst(
  what: 'tensors' | 'state',
  given: Record<string, WeightsBinaryTensor>,
  expected: ReadonlyMap<string, { shape: readonly number[]; dtype: string }>,
): void {
  const missing = [...expected.keys()].filter((k) => !Object.hasOwn(given, k));
  if (missing.length > 0) bad('WEIGHTS_MISSING', `the weight file has no ${what === 'tensors' ? 'weights' : 'state'} for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, `${what}.${missing[0]!}`);
  const extra = Object.keys(given).filter((k) => !expected.has(k));
  if (extra.length > 0) bad('WEIGHTS_UNKNOWN', `the weight file has ${what === 'tensors' ? 'weights' : 'state'} the graph does not: ${extra.slice(0, 5).join(', ')}`, `${what}.${extra[0]!}`);
  for (const [key, want] of expected) {
    const got = given[key]!;
    if (got.shape.length !== want.shape.length || got.shape.some((d, i) => d !== want.shape[i])) {
      bad('WEIGHTS_SHAPE', `${key}: the file has shape [${got.shape.join(', ')}] but the graph needs [${want.shape.join(', ')}]`, `${what}.${key}.shape`);
    }
    if (got.dtype !== want.dtype) bad('WEIGHTS_SHAPE', `${key}: the file has ${got.dtype} but the graph needs ${want.dtype}`, `${what}.${key}.dtype`);
  }
}

/**
 * Checks a weight file (either form, or parsed untrusted JSON) against a plan and the store,
 * then assigns every value. Nothing changes unless everything checks.
 * @throws NetwrightError `WEIGHTS_FORMAT`, `WEIGHTS_GRAPH`, `WEIGHTS_MISSING`,
 *   `WEIGHTS_UNKNOWN` or `WEIGHTS_SHAPE`, naming the key or JSON path.
 */
export function importWeightsInto(store: WeightStore, plan: ExecutionPlan, file: unknown, options: ImportWeightsOptions = {}): void {
  if (!isRecord(file)) bad('WEIGHTS_FORMAT', 'not a weight file: expected a JSON object');
  if (file.format !== 'netwright.weights' && file.format !== 'netwright.weights.bin') {
    bad('WEIGHTS_FORMAT', `not a weight file: format is ${JSON.stringify(file.format)}, expected "netwright.weights"`, 'format');
  }
  if (file.version !== 1) {
    bad('WEIGHTS_FORMAT', `weight file version ${JSON.stringify(file.version)} is not supported (this Netwright reads version 1); update Netwright`, 'version');
  }
  if (!isRecord(file.tensors)) bad('WEIGHTS_FORMAT', 'tensors: expected an object keyed by node/weight', 'tensors');
  const tensors: Record<string, WeightsBinaryTensor> = {};
  for (const [k, t] of Object.entries(file.tensors)) tensors[k] = parseTensor(t, `tensors.${k}`);
  const state: Record<string, WeightsBinaryTensor> = {};
  if (file.state !== undefined) {
    if (!isRecord(file.state)) bad('WEIGHTS_FORMAT', 'state: expected an object keyed by node/name', 'state');
    for (const [k, t] of Object.entries(file.state)) state[k] = parseTensor(t, `state.${k}`);
  }
  const sameGraph = file.graphHash === plan.graphHash;
  try {
    checkAgainst('tensors', tensors, store.byKey);
    if (file.state !== undefined) checkAgainst('state', state, store.stateByKey);
  } catch (e) {
    if (!sameGraph && e instanceof NetwrightError) {
      bad('WEIGHTS_GRAPH', `the weights were saved for another graph (${String(file.graphHash)}, this one is ${plan.graphHash}) and do not fit it: ${e.message}`, e.target.path);
    }
    throw e;
  }
  if (!sameGraph && !options.allowOtherGraph) {
    bad('WEIGHTS_GRAPH', `the weights were saved for another graph (${String(file.graphHash)}, this one is ${plan.graphHash}); every weight fits, so they can be loaded with the "load anyway" option`, 'graphHash');
  }
  tf.tidy(() => {
    for (const [k, t] of Object.entries(tensors)) store.byKey.get(k)!.assign(tf.tensor(t.data, [...t.shape], t.dtype));
    for (const [k, t] of Object.entries(state)) store.stateByKey.get(k)!.assign(tf.tensor(t.data, [...t.shape], t.dtype));
  });
}
