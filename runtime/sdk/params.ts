/**
 * Param descriptors: one declaration per param that yields the default value, the validator
 * and the inspector form metadata. Params are always keyed by name, never by position.
 */

/** A value a node param can hold. Files store exactly these JSON values. */
export type ParamValue = number | boolean | string | readonly number[];

interface ParamDescriptorBase<T> {
  /** Human label for the inspector form; defaults to the param name. */
  readonly label?: string;
  /** One sentence shown under the field. */
  readonly doc?: string;
  /** Default value. A descriptor without a default marks a required param. */
  readonly default?: T;
  /**
   * Implementation-only params choose how, not what (chunk sizes, conv algorithm): every
   * choice must give the same numbers. The editor groups them under "Implementation".
   */
  readonly implementation?: boolean;
}

/** Integer param. */
export interface IntParam extends ParamDescriptorBase<number> {
  readonly kind: 'int';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Show a log-scale slider in the inspector. */
  readonly log?: boolean;
}

/** Floating-point param. */
export interface FloatParam extends ParamDescriptorBase<number> {
  readonly kind: 'float';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly log?: boolean;
}

/** One of a fixed set of strings. */
export interface EnumParam<O extends string = string> extends ParamDescriptorBase<O> {
  readonly kind: 'enum';
  readonly options: readonly O[];
}

/** Boolean switch. */
export interface BoolParam extends ParamDescriptorBase<boolean> {
  readonly kind: 'bool';
}

/** Fixed- or bounded-length list of integers (kernel sizes, strides, target shapes). */
export interface IntsParam extends ParamDescriptorBase<readonly number[]> {
  readonly kind: 'ints';
  /** Exact length, when the list has one. */
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Bounds for every element. */
  readonly min?: number;
  readonly max?: number;
}

/** Free text (for example a CSV column name). Rendered as text, never as HTML. */
export interface TextParam extends ParamDescriptorBase<string> {
  readonly kind: 'text';
  readonly maxLength?: number;
  /** Multi-line editor in the inspector. */
  readonly multiline?: boolean;
}

/** Any param descriptor. */
export type ParamDescriptor = IntParam | FloatParam | EnumParam | BoolParam | IntsParam | TextParam;

/** The params table of a plugin spec, keyed by param name. */
export type ParamDescriptors = Readonly<Record<string, ParamDescriptor>>;

/** The TypeScript value type a descriptor describes. */
export type ParamValueOf<D extends ParamDescriptor> = D extends EnumParam<infer O>
  ? O
  : D extends IntParam | FloatParam
    ? number
    : D extends BoolParam
      ? boolean
      : D extends IntsParam
        ? readonly number[]
        : D extends TextParam
          ? string
          : never;

/** Resolved params of a node: every param present and valid. */
export type ParamValues<P extends ParamDescriptors> = { readonly [K in keyof P]: ParamValueOf<P[K]> };

/** A problem with one param, named by param. */
export interface ParamIssue {
  readonly param: string;
  readonly message: string;
}

/** Result of {@link resolveParams}. */
export type ResolveParamsResult<P extends ParamDescriptors> =
  | { readonly ok: true; readonly values: ParamValues<P> }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

function checkNumber(d: IntParam | FloatParam, v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a finite number';
  if (d.kind === 'int' && !Number.isInteger(v)) return 'must be an integer';
  if (d.min !== undefined && v < d.min) return `must be >= ${d.min} (got ${v})`;
  if (d.max !== undefined && v > d.max) return `must be <= ${d.max} (got ${v})`;
  return undefined;
}

function checkInts(d: IntsParam, v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'must be a list of integers';
  const list = v as unknown[];
  if (d.length !== undefined && list.length !== d.length) return `must have exactly ${d.length} entries`;
  if (d.minLength !== undefined && list.length < d.minLength) return `must have at least ${d.minLength} entries`;
  if (d.maxLength !== undefined && list.length > d.maxLength) return `must have at most ${d.maxLength} entries`;
  for (const [i, e] of list.entries()) {
    if (typeof e !== 'number' || !Number.isInteger(e)) return `entry ${i} must be an integer`;
    if (d.min !== undefined && e < d.min) return `entry ${i} must be >= ${d.min} (got ${e})`;
    if (d.max !== undefined && e > d.max) return `entry ${i} must be <= ${d.max} (got ${e})`;
  }
  return undefined;
}

/**
 * Checks one value against its descriptor.
 * @returns a message saying what is wrong, or `undefined` when the value is valid.
 */
export function checkParam(d: ParamDescriptor, v: unknown): string | undefined {
  switch (d.kind) {
    case 'int':
    case 'float':
      return checkNumber(d, v);
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof v === 'string' && d.options.includes(v)
        ? undefined
        : `must be one of ${d.options.map((o) => JSON.stringify(o)).join(', ')}`;
    case 'ints':
      return checkInts(d, v);
    case 'text':
      if (typeof v !== 'string') return 'must be text';
      if (d.maxLength !== undefined && v.length > d.maxLength) return `must be at most ${d.maxLength} characters`;
      return undefined;
    default:
      // A descriptor that bypassed definePlugin's check: refuse rather than accept unchecked.
      return `has unknown kind ${JSON.stringify((d as { readonly kind?: unknown }).kind)}, so no value can be checked`;
  }
}

/** Default values of every param that has one (required params are left out). */
export function defaultParams(descs: ParamDescriptors): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, d] of Object.entries(descs)) if (d.default !== undefined) out[name] = d.default;
  return out;
}

/**
 * Fills defaults and validates a node's stored params. Unknown names are reported (a typo in a
 * file must not be silently ignored); missing required params are reported.
 */
export function resolveParams<P extends ParamDescriptors>(
  descs: P,
  stored: Readonly<Record<string, unknown>>,
): ResolveParamsResult<P> {
  const issues: ParamIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(descs)) {
    const v = Object.hasOwn(stored, name) ? stored[name] : d.default;
    if (v === undefined) {
      issues.push({ param: name, message: `param "${name}" is required` });
      continue;
    }
    const problem = checkParam(d, v);
    if (problem) issues.push({ param: name, message: `param "${name}" ${problem}` });
    else values[name] = v;
  }
  for (const name of Object.keys(stored)) {
    if (!Object.hasOwn(descs, name)) issues.push({ param: name, message: `unknown param "${name}"` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values: values as ParamValues<P> };
}
