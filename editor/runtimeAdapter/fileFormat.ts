/**
 * ADAPTER: reading and writing `*.graph.json`. runtime/file (loadGraph / serializeGraph, with
 * migrations, strict validation and placeholders) is being written; until it lands this
 * stand-in reads and writes the documented envelope strictly enough for the editor to work.
 * Switching means calling runtime/file here; the editor only sees {@link loadGraphText} and
 * {@link serializeGraphText}.
 */
import type { GraphDoc, GraphEdge, GraphMeta, GraphNode, JsonValue, PlaceholderInfo } from '../../runtime/graph/types.ts';
import type { ParamValue, Registry } from '../../runtime/sdk/index.ts';

/** Format name in the file envelope. */
export const GRAPH_FORMAT = 'netwright.graph';
/** Newest format version this build writes and reads. */
export const GRAPH_FORMAT_VERSION = 1;

/** Result of loading a graph file: a document, or a message naming what is wrong and where. */
export type LoadResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly missingPlugins: readonly string[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

// Keys become object properties: `__proto__` and friends must never get through.
const SAFE_KEY = /^(?!__proto__$|constructor$|prototype$)[A-Za-z_][A-Za-z0-9_-]*$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class LoadFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(path: string, message: string): never {
  throw new LoadFailure('FILE_INVALID', `${path}: ${message}`);
}

function isParamValue(v: unknown): v is ParamValue {
  return (
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
  );
}

function readNode(id: string, raw: unknown): GraphNode {
  const at = `nodes.${id}`;
  if (!isObj(raw)) fail(at, 'must be an object');
  if (typeof raw.type !== 'string') fail(`${at}.type`, 'must be a plugin id string');
  const params: Record<string, ParamValue> = {};
  if (raw.params !== undefined) {
    if (!isObj(raw.params)) fail(`${at}.params`, 'must be an object keyed by param name');
    for (const [k, v] of Object.entries(raw.params)) {
      if (!SAFE_KEY.test(k) || k === '__proto__') fail(`${at}.params`, `param name ${JSON.stringify(k)} is not allowed`);
      if (!isParamValue(v)) fail(`${at}.params.${k}`, 'must be a number, boolean, string or list of numbers');
      params[k] = v;
    }
  }
  const pos = raw.position;
  if (!isObj(pos) || typeof pos.x !== 'number' || typeof pos.y !== 'number' || !Number.isFinite(pos.x) || !Number.isFinite(pos.y)) {
    fail(`${at}.position`, 'must be {x, y} with finite numbers');
  }
  if (raw.label !== undefined && typeof raw.label !== 'string') fail(`${at}.label`, 'must be text');
  if (raw.data !== undefined && !isObj(raw.data)) fail(`${at}.data`, 'must be an object');
  return {
    id,
    type: raw.type,
    params,
    position: { x: pos.x, y: pos.y },
    ...(raw.label !== undefined ? { label: raw.label } : {}),
    ...(raw.data !== undefined ? { data: raw.data as Record<string, JsonValue> } : {}),
  };
}

function readEdge(i: number, raw: unknown, nodes: Readonly<Record<string, GraphNode>>): GraphEdge {
  const at = `edges[${i}]`;
  if (!isObj(raw) || !isObj(raw.from) || !isObj(raw.to)) fail(at, 'must be {from: {node, port}, to: {node, port}}');
  const end = (v: Obj, side: string): { node: string; port: string } => {
    if (typeof v.node !== 'string' || typeof v.port !== 'string') fail(`${at}.${side}`, 'must be {node, port} strings');
    if (!Object.hasOwn(nodes, v.node)) fail(`${at}.${side}.node`, `there is no node "${v.node}"`);
    return { node: v.node, port: v.port };
  };
  const from = end(raw.from, 'from');
  const to = end(raw.to, 'to');
  return { id: `${from.node}.${from.port}->${to.node}.${to.port}`, from, to };
}

/** Parses and validates graph-file text. Never throws; never runs code from the file. */
export function loadGraphText(text: string, registry: Registry): LoadResult {
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new LoadFailure('FILE_NOT_JSON', `the file is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!isObj(json) || json.format !== GRAPH_FORMAT) fail('format', `must be "${GRAPH_FORMAT}"`);
    if (typeof json.version !== 'number') fail('version', 'must be a number');
    if (json.version > GRAPH_FORMAT_VERSION) {
      throw new LoadFailure('FILE_TOO_NEW', `the file has format version ${json.version}; this editor reads up to ${GRAPH_FORMAT_VERSION}`);
    }
    if (!isObj(json.nodes)) fail('nodes', 'must be an object keyed by node id');
    const nodes: Record<string, GraphNode> = {};
    const placeholders: Record<string, PlaceholderInfo> = {};
    for (const [id, raw] of Object.entries(json.nodes)) {
      if (!SAFE_KEY.test(id)) fail(`nodes`, `node id ${JSON.stringify(id)} must be letters, digits, _ or -`);
      nodes[id] = readNode(id, raw);
      if (!registry.has(nodes[id].type)) placeholders[id] = { raw: raw as JsonValue };
    }
    const edges: Record<string, GraphEdge> = {};
    if (!Array.isArray(json.edges)) fail('edges', 'must be a list');
    (json.edges as unknown[]).forEach((raw, i) => {
      const e = readEdge(i, raw, nodes);
      edges[e.id] = e;
    });
    const meta = json.meta === undefined ? {} : json.meta;
    if (!isObj(meta)) fail('meta', 'must be an object');
    const missing = [...new Set(Object.keys(placeholders).map((id) => nodes[id]!.type))].sort();
    return { ok: true, doc: { nodes, edges, meta: meta as GraphMeta, placeholders }, missingPlugins: missing };
  } catch (e) {
    if (e instanceof LoadFailure) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: 'FILE_INVALID', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Writes a document as graph-file text (stable key order, two-space indent, final newline). */
export function serializeGraphText(doc: GraphDoc, registry: Registry): string {
  const plugins: Record<string, { version: string; migration: number }> = {};
  const nodes: Record<string, JsonValue> = {};
  for (const id of Object.keys(doc.nodes).sort()) {
    const n = doc.nodes[id]!;
    const ph = doc.placeholders[id];
    if (ph) {
      nodes[id] = ph.raw;
      continue;
    }
    const spec = registry.get(n.type);
    if (spec) plugins[n.type] = { version: spec.version, migration: spec.migrations?.length ?? 0 };
    nodes[id] = {
      type: n.type,
      ...(n.label !== undefined ? { label: n.label } : {}),
      params: n.params as Record<string, JsonValue>,
      position: { x: n.position.x, y: n.position.y },
      ...(n.data !== undefined ? { data: n.data as Record<string, JsonValue> } : {}),
    };
  }
  const edges = Object.values(doc.edges)
    .map((e) => ({ from: e.from, to: e.to }))
    .sort((a, b) => `${a.to.node}.${a.to.port}`.localeCompare(`${b.to.node}.${b.to.port}`));
  const file = { format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION, plugins, meta: doc.meta, nodes, edges };
  return `${JSON.stringify(file, null, 2)}\n`;
}
