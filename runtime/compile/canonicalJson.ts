/**
 * Canonical JSON for hashing: object keys sorted at every level, no whitespace. Two values
 * that mean the same give the same text whatever order their keys were built in.
 */
import type { JsonValue } from '../graph/types.ts';

/** The canonical JSON text of a value. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}
