/**
 * The strict check of a plugin declaration that {@link definePlugin} runs: every key is one the
 * SDK reads, every param kind is one the SDK validates, and every descriptor is consistent
 * with itself (bounds in order, default within them, options unique). A key or kind the SDK
 * does not know would otherwise be accepted and never checked (a param of kind `'number'`
 * took `"banana"`), so it is refused when the plugin is defined, naming plugin and param.
 */
import { checkParam, type ParamDescriptor } from './params.ts';
import { CATEGORIES, NODE_ROLES } from './plugin.ts';

/** The keys a plugin spec may have. `torch` is the optional PyTorch emitter (`netwright export`). */
export const SPEC_KEYS = [
  'id',
  'version',
  'title',
  'category',
  'role',
  'doc',
  'paper',
  'inputs',
  'outputs',
  'params',
  'keyParams',
  'infer',
  'migrations',
  'examples',
  'torch',
] as const;

/** The keys of a port declaration. */
export const PORT_KEYS = ['kind', 'rank', 'dtype', 'optional', 'doc'] as const;

const BASE_KEYS = ['kind', 'label', 'doc', 'default', 'implementation'];

/** The param kinds and the keys each kind's descriptor may have. */
export const PARAM_KEYS: Readonly<Record<ParamDescriptor['kind'], readonly string[]>> = {
  int: [...BASE_KEYS, 'min', 'max', 'step', 'log'],
  float: [...BASE_KEYS, 'min', 'max', 'step', 'log'],
  enum: [...BASE_KEYS, 'options'],
  bool: BASE_KEYS,
  ints: [...BASE_KEYS, 'length', 'minLength', 'maxLength', 'min', 'max'],
  text: [...BASE_KEYS, 'maxLength', 'multiline'],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((k) => !allowed.includes(k));
}

function keyList(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(', ');
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Bounds and lengths of a descriptor, in order and of the right type. */
function boundProblems(d: Record<string, unknown>, integer: boolean): string[] {
  const p: string[] = [];
  const numeric = ['min', 'max', 'step', 'length', 'minLength', 'maxLength'];
  for (const k of numeric) {
    if (d[k] === undefined) continue;
    if (!isFiniteNumber(d[k])) p.push(`"${k}" must be a finite number (got ${JSON.stringify(d[k])})`);
    else if (k.toLowerCase().includes('length') && (!Number.isInteger(d[k]) || d[k] < 0)) p.push(`"${k}" must be a non-negative integer (got ${String(d[k])})`);
    else if (integer && (k === 'min' || k === 'max') && !Number.isInteger(d[k])) p.push(`"${k}" must be an integer (got ${String(d[k])})`);
  }
  if (p.length > 0) return p;
  const pairs: [string, string][] = [
    ['min', 'max'],
    ['minLength', 'maxLength'],
  ];
  for (const [lo, hi] of pairs) {
    if (isFiniteNumber(d[lo]) && isFiniteNumber(d[hi]) && d[lo] > d[hi]) p.push(`"${lo}" ${d[lo]} is greater than "${hi}" ${d[hi]}`);
  }
  if (isFiniteNumber(d.step) && d.step <= 0) p.push(`"step" must be positive (got ${d.step})`);
  if (isFiniteNumber(d.length) && ((isFiniteNumber(d.minLength) && d.minLength > d.length) || (isFiniteNumber(d.maxLength) && d.maxLength < d.length))) {
    p.push(`"length" ${d.length} is outside "minLength".."maxLength"`);
  }
  return p;
}

/** What is wrong with one param descriptor (empty when nothing). */
export function paramDescriptorProblems(d: unknown): string[] {
  if (!isRecord(d)) return ['is not a descriptor object ({ kind: …, default: … })'];
  const kinds = Object.keys(PARAM_KEYS);
  const kind = d.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(PARAM_KEYS, kind)) {
    return [`has unknown kind ${JSON.stringify(kind)} (one of ${kinds.join(', ')})`];
  }
  const allowed = PARAM_KEYS[kind as ParamDescriptor['kind']];
  const extra = unknownKeys(d, allowed);
  if (extra.length > 0) return [`has unknown key(s) ${keyList(extra)} (a ${kind} param may have ${keyList(allowed)})`];
  const p = boundProblems(d, kind === 'int' || kind === 'ints');
  if (kind === 'enum') {
    const options = d.options;
    if (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string')) p.push('"options" must be a non-empty list of strings');
    else if (new Set(options).size !== options.length) p.push('"options" lists a value twice');
  }
  for (const flag of ['implementation', 'log', 'multiline']) {
    if (d[flag] !== undefined && typeof d[flag] !== 'boolean') p.push(`"${flag}" must be true or false`);
  }
  if (p.length === 0 && d.default !== undefined) {
    const why = checkParam(d as unknown as ParamDescriptor, d.default);
    if (why !== undefined) p.push(`default ${JSON.stringify(d.default)} ${why}`);
  }
  return p;
}

function portProblems(kind: 'input' | 'output', ports: unknown): string[] {
  if (!isRecord(ports)) return [`${kind}s must be an object of ports keyed by name`];
  const out: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!isRecord(port)) {
      out.push(`${kind} "${name}" is not a port declaration`);
      continue;
    }
    const extra = unknownKeys(port, PORT_KEYS);
    if (extra.length > 0) out.push(`${kind} "${name}" has unknown key(s) ${keyList(extra)} (a port may have ${keyList(PORT_KEYS)})`);
    if (port.kind !== 'tensor' && port.kind !== 'schedule') out.push(`${kind} "${name}" has unknown kind ${JSON.stringify(port.kind)} (tensor or schedule)`);
    if (port.dtype !== undefined && !['float32', 'int32', 'any'].includes(port.dtype as string)) out.push(`${kind} "${name}" has unknown dtype ${JSON.stringify(port.dtype)}`);
  }
  return out;
}

/**
 * Every problem of a plugin declaration, each naming the param or port involved (not yet the
 * plugin: {@link definePlugin} prefixes it).
 */
export function declarationProblems(spec: Record<string, unknown>): string[] {
  const p: string[] = [];
  const extra = unknownKeys(spec, SPEC_KEYS);
  if (extra.length > 0) p.push(`unknown key(s) ${keyList(extra)} (a plugin spec may have ${keyList(SPEC_KEYS)})`);
  if (!(CATEGORIES as readonly unknown[]).includes(spec.category)) p.push(`category ${JSON.stringify(spec.category)} is not one of ${CATEGORIES.join(', ')}`);
  if (!(NODE_ROLES as readonly unknown[]).includes(spec.role)) p.push(`role ${JSON.stringify(spec.role)} is not one of ${NODE_ROLES.join(', ')}`);
  if (typeof spec.infer !== 'function') p.push('infer must be a function');
  p.push(...portProblems('input', spec.inputs), ...portProblems('output', spec.outputs));
  const params = spec.params;
  if (!isRecord(params)) return [...p, 'params must be an object of descriptors keyed by name'];
  for (const [name, d] of Object.entries(params)) {
    for (const why of paramDescriptorProblems(d)) p.push(`param "${name}" ${why}`);
  }
  const keyParams = spec.keyParams;
  if (keyParams !== undefined) {
    if (!Array.isArray(keyParams)) p.push('keyParams must be a list of param names');
    else for (const k of keyParams) if (typeof k !== 'string' || !Object.hasOwn(params, k)) p.push(`keyParams names ${JSON.stringify(k)}, which is not a param`);
  }
  return p;
}
