/**
 * Loads a graph file: parse -> format and version checks -> size limits -> core migrations ->
 * plugin migrations -> strict validation -> params against the plugin specs -> placeholders
 * for unknown plugins. Loading never runs anything from the file, and every error names the
 * JSON path involved.
 */
import type { z } from 'zod';
import { checkBlocks } from '../blocks/check.ts';
import { isInstance } from '../graph/blockTypes.ts';
import { edgeId } from '../graph/ids.ts';
import { findJsonProblem, joinPath } from '../graph/json.ts';
import type { GraphDoc, GraphEdge, GraphMeta, GraphNode, PlaceholderInfo } from '../graph/types.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import { resolveParams } from '../sdk/params.ts';
import type { Registry } from '../sdk/registry.ts';
import {
  GRAPH_FORMAT,
  GRAPH_FORMAT_VERSION,
  MAX_EDGES,
  MAX_FILE_DEPTH,
  MAX_NODES,
  MAX_REPORTED_ERRORS,
} from './limits.ts';
import {
  ENVELOPE_MIGRATIONS,
  isObject,
  migrateEnvelope,
  migratePluginNodes,
  type EnvelopeMigration,
} from './migrate.ts';
import { parseGraphText } from './budgets.ts';
import { checkFreeJson, withoutFreeJson } from './freeJson.ts';
import { buildBlocks } from './loadBlocks.ts';
import { graphFileSchema, type GraphFile } from './schema.ts';

/** Result of {@link loadGraph}. */
export type LoadResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/** Options of {@link loadGraph}; tests use them to exercise the migration mechanism. */
export interface LoadOptions {
  readonly envelopeMigrations?: readonly EnvelopeMigration[];
}

function fail(code: string, message: string, path = ''): LoadResult {
  return { ok: false, errors: [{ code, severity: 'error', message, path }] };
}

function capErrors(errors: Diagnostic[]): LoadResult {
  if (errors.length <= MAX_REPORTED_ERRORS) return { ok: false, errors };
  const kept = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length - kept.length;
  kept.push({
    code: 'FILE_MORE_ERRORS',
    severity: 'error',
    message: `... and ${more} more errors`,
    path: '',
  });
  return { ok: false, errors: kept };
}

function zodPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out = joinPath(out, typeof k === 'number' ? k : String(k));
  return out;
}

function schemaErrors(issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    let path = zodPath(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      path = issue.keys.length === 1 ? joinPath(path, issue.keys[0]!) : path;
      message = `unknown key ${keys} (the format is strict: check the spelling)`;
    } else if (issue.code === 'invalid_key') {
      message = issue.issues[0]?.message ?? message;
    }
    return { code: 'FILE_SCHEMA', severity: 'error', message: `${path || 'file'}: ${message}`, path };
  });
}

function checkEnvelope(parsed: unknown): LoadResult | undefined {
  if (!isObject(parsed))
    return fail('FILE_NOT_GRAPH', 'this is not a Netwright graph file: expected a JSON object');
  const problem = findJsonProblem(parsed, '', MAX_FILE_DEPTH);
  if (problem) return fail('FILE_BAD_VALUE', problem.message, problem.path);
  if (parsed.format !== GRAPH_FORMAT) {
    return fail(
      'FILE_WRONG_FORMAT',
      `this is not a Netwright graph file: "format" is ${JSON.stringify(parsed.format) ?? 'missing'}, expected "${GRAPH_FORMAT}"`,
      'format',
    );
  }
  const v = parsed.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    return fail(
      'FILE_BAD_VERSION',
      `"version" must be a whole number (got ${JSON.stringify(v) ?? 'nothing'})`,
      'version',
    );
  }
  if (v > GRAPH_FORMAT_VERSION) {
    return fail(
      'FILE_NEWER_VERSION',
      `this file was written by a newer Netwright (format version ${v}); this version reads up to ${GRAPH_FORMAT_VERSION}`,
      'version',
    );
  }
  if (isObject(parsed.nodes) && Object.keys(parsed.nodes).length > MAX_NODES) {
    return fail(
      'FILE_TOO_MANY_NODES',
      `the file has ${Object.keys(parsed.nodes).length} nodes; the limit is ${MAX_NODES}`,
      'nodes',
    );
  }
  if (Array.isArray(parsed.edges) && parsed.edges.length > MAX_EDGES) {
    return fail(
      'FILE_TOO_MANY_EDGES',
      `the file has ${parsed.edges.length} edges; the limit is ${MAX_EDGES}`,
      'edges',
    );
  }
  return undefined;
}

/** The lock entry of a plugin; own keys only (a plugin may be called `toString`). */
function lockEntry(file: GraphFile, type: string): { version: string; migration: number } | undefined {
  return file.plugins && Object.hasOwn(file.plugins, type) ? file.plugins[type] : undefined;
}

function buildEdges(file: GraphFile, errors: Diagnostic[]): Record<string, GraphEdge> {
  const edges: Record<string, GraphEdge> = {};
  const fed = new Map<string, number>();
  (file.edges ?? []).forEach((e, i) => {
    for (const side of ['from', 'to'] as const) {
      if (!Object.hasOwn(file.nodes, e[side].node)) {
        const path = `edges[${i}].${side}.node`;
        errors.push({
          code: 'FILE_EDGE_UNKNOWN_NODE',
          severity: 'error',
          message: `${path}: there is no node "${e[side].node}"`,
          path,
        });
      }
    }
    const id = edgeId(e.from, e.to);
    const inputKey = `${e.to.node}.${e.to.port}`;
    const first = fed.get(inputKey);
    if (first !== undefined) {
      const path = `edges[${i}].to`;
      const what = Object.hasOwn(edges, id) ? 'repeats' : 'is a second edge into';
      errors.push({
        code: 'FILE_INPUT_TAKEN',
        severity: 'error',
        message: `${path} ${what} input "${e.to.port}" of node "${e.to.node}" (already fed by edges[${first}]); an input takes one edge`,
        path,
        node: e.to.node,
        port: e.to.port,
      });
      return;
    }
    fed.set(inputKey, i);
    edges[id] = { id, from: { ...e.from }, to: { ...e.to } };
  });
  return edges;
}

function buildDoc(file: GraphFile, registry: Registry, tooNew: ReadonlySet<string>): LoadResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const nodes: Record<string, GraphNode> = {};
  const placeholders: Record<string, PlaceholderInfo> = {};
  const missing = new Map<string, string[]>();
  for (const [id, n] of Object.entries(file.nodes)) {
    const params = n.params ?? {};
    const node: GraphNode = {
      id,
      type: n.type,
      params,
      position: { x: n.position.x, y: n.position.y },
      ...(n.label === undefined ? {} : { label: n.label }),
      ...(n.data === undefined ? {} : { data: n.data }),
    };
    nodes[id] = node;
    if (isInstance(n)) continue; // a block instance: checked with its block (checkBlocks below)
    // A plugin older than the file's is treated as missing: its nodes stay exactly as saved.
    const spec = tooNew.has(n.type) ? undefined : registry.get(n.type);
    if (!spec) {
      const lock = lockEntry(file, n.type);
      placeholders[id] = {
        // Plugin migrations touch registered nodes only, so this is the node as stored.
        raw: n,
        ...(lock ? { lockedVersion: lock.version, lockedMigration: lock.migration } : {}),
      };
      missing.set(n.type, [...(missing.get(n.type) ?? []), id]);
      continue;
    }
    const resolved = resolveParams(spec.params, params);
    if (!resolved.ok) {
      for (const issue of resolved.issues) {
        const path = `nodes.${id}.params.${issue.param}`;
        errors.push({
          code: 'FILE_BAD_PARAM',
          severity: 'error',
          message: `${path}: ${issue.message}`,
          path,
          node: id,
          param: issue.param,
        });
      }
    }
  }
  const edges = buildEdges(file, errors);
  const built = buildBlocks(file, registry, tooNew);
  errors.push(...built.errors);
  if (errors.length > 0) return capErrors(errors);
  const blocks = Object.keys(built.blocks).length > 0 ? { blocks: built.blocks } : {};
  const structural = checkBlocks({ nodes, edges, meta: {}, placeholders, ...blocks }, registry);
  if (structural.length > 0) return capErrors(structural);
  warnings.push(...built.warnings);
  for (const [type, ids] of missing) {
    if (tooNew.has(type)) continue; // the migration report already said why
    const version = lockEntry(file, type)?.version;
    warnings.push({
      code: 'FILE_UNKNOWN_PLUGIN',
      severity: 'warning',
      message: `plugin "${type}"${version ? ` ${version}` : ''} is not installed: node${ids.length > 1 ? 's' : ''} ${ids.map((i) => `"${i}"`).join(', ')} kept as placeholders (saved back unchanged)`,
      path: `nodes.${ids[0]!}.type`,
      node: ids[0]!,
    });
  }
  const meta = (file.meta ?? {}) as GraphMeta;
  return { ok: true, doc: { nodes, edges, meta, placeholders, ...blocks }, warnings };
}

/**
 * Loads a graph file's text into a document.
 * @returns the document with warnings (placeholders, missing lock entries), or every error
 * found, each a coded diagnostic with the JSON path (`nodes.d1.params.units`).
 */
export function loadGraph(text: string, registry: Registry, options: LoadOptions = {}): LoadResult {
  // Size, encoding, duplicate keys and element budgets, all while parsing (budgets.ts).
  const parsed = parseGraphText(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const bad = checkEnvelope(parsed.value);
  if (bad) return bad;
  const envelope = migrateEnvelope(
    parsed.value as Record<string, unknown>,
    (parsed.value as { version: number }).version,
    options.envelopeMigrations ?? ENVELOPE_MIGRATIONS,
  );
  if (!envelope.ok) return { ok: false, errors: [envelope.error] };
  const file = envelope.file;
  const migrated = migratePluginNodes(file, registry);
  if (migrated.errors.length > 0) return capErrors(migrated.errors);
  // meta and node data are free-form JSON: their shape is checked apart (freeJson.ts), since
  // zod's walk of them is the slowest part of loading a hostile file.
  const result = graphFileSchema.safeParse(withoutFreeJson(file));
  const freeErrors = checkFreeJson(file);
  if (!result.success || freeErrors.length > 0)
    return capErrors([...(result.success ? [] : schemaErrors(result.error.issues)), ...freeErrors]);
  // The schema only checks (no defaults, no transforms), so the checked object itself is used:
  // zod's output may reorder keys, and key order must survive a load/save round trip.
  const loaded = buildDoc(file as unknown as GraphFile, registry, migrated.tooNew);
  return loaded.ok ? { ...loaded, warnings: [...migrated.warnings, ...loaded.warnings] } : loaded;
}
