/**
 * Identifiers in a graph document: node ids, port and param names, derived edge ids.
 *
 * Node ids must start with a letter and never look like an array index: JavaScript orders
 * integer-like object keys first, which would silently reorder nodes and break the
 * byte-for-byte round trip of graph files.
 */
import type { GraphDoc, PortRef } from './types.ts';

/** Allowed node ids: a letter, then letters, digits, `_` or `-` (at most 64 characters). */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Allowed port and param names (the same rule `definePlugin` applies to ports). */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Keys that could reach `Object.prototype` when used carelessly; refused everywhere. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a node id is not allowed, or `undefined` when it is. */
export function checkNodeId(id: string): string | undefined {
  if (RESERVED_KEYS.has(id)) return `"${id}" is a reserved name`;
  if (!NODE_ID_PATTERN.test(id)) {
    return `node id "${id}" must start with a letter and hold only letters, digits, "_" or "-" (64 at most)`;
  }
  return undefined;
}

/** Why a port or param name is not allowed, or `undefined` when it is. */
export function checkName(name: string, what: 'port' | 'param'): string | undefined {
  if (RESERVED_KEYS.has(name)) return `"${name}" is a reserved name`;
  if (!NAME_PATTERN.test(name)) {
    return `${what} name "${name}" must start with a letter or "_" and hold only letters, digits or "_"`;
  }
  return undefined;
}

/** The id of the edge between two ports: `a.y->b.x`. Deterministic, so files need not store it. */
export function edgeId(from: PortRef, to: PortRef): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}

/**
 * Splits an edge id made by {@link edgeId} back into its ends. Node ids and port names never
 * contain `.` or `->`, so this is exact.
 * @returns `undefined` when the text is not an edge id.
 */
export function parseEdgeId(id: string): { from: PortRef; to: PortRef } | undefined {
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)->([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/.exec(id);
  if (!m) return undefined;
  return { from: { node: m[1]!, port: m[2]! }, to: { node: m[3]!, port: m[4]! } };
}

/** The id prefix used for fresh nodes of a plugin: the last segment of its id, letters only. */
export function idPrefix(type: string): string {
  const last = type.split('.').pop() ?? type;
  const letters = last.replace(/[^A-Za-z0-9]/g, '').replace(/^[0-9]+/, '');
  return letters.length > 0 ? letters.slice(0, 24) : 'node';
}

/**
 * A fresh node id for a plugin type, like `dense3`: the smallest counter not taken in `doc`
 * nor in `taken`. Deterministic, so the editor can compute it before applying a command.
 */
export function freshNodeId(doc: GraphDoc, type: string, taken: ReadonlySet<string> = new Set()): string {
  const prefix = idPrefix(type);
  for (let i = 1; ; i++) {
    const id = `${prefix}${i}`;
    if (!Object.hasOwn(doc.nodes, id) && !taken.has(id)) return id;
  }
}
