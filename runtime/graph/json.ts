/**
 * Checks that a value is plain, safe JSON: finite numbers only, no prototype-reaching keys,
 * bounded nesting. Shared by the file loader (hostile input) and by commands (bad callers).
 */
import { RESERVED_KEYS } from './ids.ts';

/** Deepest nesting accepted in params, plugin data and meta. */
export const MAX_JSON_DEPTH = 64;

/** A problem found in a JSON value, with the JSON path of the offending part. */
export interface JsonProblem {
  /** Path like `nodes.d1.data.schedule[3]`. */
  readonly path: string;
  readonly message: string;
}

/** Appends a key or index to a JSON path (`a.b`, `a[3]`). */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * Finds the first problem in `value`: a non-finite number, a reserved key (`__proto__`,
 * `constructor`, `prototype`), a non-JSON value (function, undefined, class instance) or
 * nesting deeper than `maxDepth`. Iterative, so hostile nesting cannot overflow the stack.
 * @returns the problem, or `undefined` when the value is clean.
 */
export function findJsonProblem(
  value: unknown,
  path = '',
  maxDepth = MAX_JSON_DEPTH,
): JsonProblem | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path, depth: 0 }];
  while (stack.length > 0) {
    const { v, path: p, depth } = stack.pop()!;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: p, message: `${p || 'value'}: number must be finite` };
      continue;
    }
    if (typeof v !== 'object')
      return { path: p, message: `${p || 'value'}: ${typeof v} is not a JSON value` };
    if (depth >= maxDepth)
      return { path: p, message: `${p || 'value'}: nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ v: (v as unknown[])[i], path: joinPath(p, i), depth: depth + 1 });
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return { path: p, message: `${p || 'value'}: only plain JSON objects are allowed` };
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (RESERVED_KEYS.has(k))
        return { path: joinPath(p, k), message: `${joinPath(p, k)}: "${k}" is a reserved key` };
      stack.push({ v: (v as Record<string, unknown>)[k], path: joinPath(p, k), depth: depth + 1 });
    }
  }
  return undefined;
}

/** A deep copy of a JSON value (params, plugin data, clipboard content). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
