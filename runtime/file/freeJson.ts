/**
 * Free-form JSON in a graph file (`meta`, each node's `data`) checked without zod: the values
 * were already checked for finite numbers, reserved keys and depth by `findJsonProblem`, so
 * only their outer shape is left. Walking them with zod's `z.json()` costs tens of
 * microseconds per value; this costs one look per key.
 */
import type { Diagnostic } from '../sdk/errors.ts';
import { isObject } from './migrate.ts';

function schemaError(path: string, message: string): Diagnostic {
  return { code: 'FILE_SCHEMA', severity: 'error', message: `${path}: ${message}`, path };
}

/**
 * A copy of the file object with `meta` and every node's `data` left out, for the strict
 * schema; the originals are checked by {@link checkFreeJson}. Shallow: nothing is cloned deeply.
 */
export function withoutFreeJson(file: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, ...rest } = file;
  if (!isObject(file.nodes)) return rest;
  const nodes: Record<string, unknown> = {};
  for (const [id, node] of Object.entries(file.nodes)) {
    if (isObject(node) && 'data' in node) {
      const { data: _data, ...kept } = node;
      nodes[id] = kept;
    } else nodes[id] = node;
  }
  return { ...rest, nodes };
}

/** The shape errors of `meta` and of nodes' `data`: objects, with text `title`/`description`. */
export function checkFreeJson(file: Record<string, unknown>): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const meta = file.meta;
  if (meta !== undefined) {
    if (!isObject(meta)) errors.push(schemaError('meta', 'must be an object'));
    else {
      for (const key of ['title', 'description'] as const) {
        if (meta[key] !== undefined && typeof meta[key] !== 'string')
          errors.push(schemaError(`meta.${key}`, 'must be text'));
      }
    }
  }
  if (isObject(file.nodes)) {
    for (const [id, node] of Object.entries(file.nodes)) {
      if (isObject(node) && node.data !== undefined && !isObject(node.data))
        errors.push(schemaError(`nodes.${id}.data`, 'must be an object'));
    }
  }
  return errors;
}
