/**
 * Saves a document as canonical graph file text: 2-space JSON, envelope keys in a fixed order,
 * the plugin lock sorted by id, nodes and edges in document order, params in spec order then
 * any others, a trailing newline. Loading a canonical file and saving it gives the same bytes,
 * placeholders of missing plugins included.
 */
import type { GraphDoc, GraphNode, JsonValue, PlaceholderInfo } from '../graph/types.ts';
import type { Registry } from '../sdk/registry.ts';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from './limits.ts';

type JsonObject = { [key: string]: JsonValue };

function orderedParams(node: GraphNode, registry: Registry): JsonObject {
  const out: JsonObject = {};
  const spec = registry.get(node.type);
  if (spec) {
    for (const name of Object.keys(spec.params)) {
      if (Object.hasOwn(node.params, name)) out[name] = node.params[name] as JsonValue;
    }
  }
  for (const [name, value] of Object.entries(node.params)) {
    if (!Object.hasOwn(out, name)) out[name] = value as JsonValue;
  }
  return out;
}

function nodeJson(node: GraphNode, registry: Registry): JsonObject {
  const out: JsonObject = {
    type: node.type,
    params: orderedParams(node, registry),
    position: { x: node.position.x, y: node.position.y },
  };
  if (node.label !== undefined) out.label = node.label;
  if (node.data !== undefined) out.data = node.data;
  return out;
}

/**
 * A placeholder is written as it was read; only what the user can change on it (position,
 * label) is taken from the document, and only when it differs.
 */
function placeholderJson(node: GraphNode, info: PlaceholderInfo): JsonValue {
  const raw = info.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: JsonObject = {};
  const rawPos = raw.position as { x?: unknown; y?: unknown } | undefined;
  const moved = rawPos?.x !== node.position.x || rawPos.y !== node.position.y;
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'position' && moved) out[k] = { x: node.position.x, y: node.position.y };
    else if (k === 'label') {
      if (node.label !== undefined) out[k] = node.label;
    } else out[k] = v;
  }
  if (node.label !== undefined && !Object.hasOwn(raw, 'label')) out.label = node.label;
  return out;
}

/** The plugin lock: every plugin the document uses, sorted by id. */
export function pluginLock(
  doc: GraphDoc,
  registry: Registry,
): Record<string, { version: string; migration: number }> {
  const lock = new Map<string, { version: string; migration: number }>();
  for (const node of Object.values(doc.nodes)) {
    if (lock.has(node.type)) continue;
    const ph = Object.hasOwn(doc.placeholders, node.id) ? doc.placeholders[node.id] : undefined;
    const spec = ph ? undefined : registry.get(node.type);
    if (spec) lock.set(node.type, { version: spec.version, migration: spec.migrations?.length ?? 0 });
    else if (ph?.lockedVersion !== undefined && ph.lockedMigration !== undefined) {
      lock.set(node.type, { version: ph.lockedVersion, migration: ph.lockedMigration });
    }
  }
  const out: Record<string, { version: string; migration: number }> = {};
  for (const id of [...lock.keys()].sort()) out[id] = lock.get(id)!;
  return out;
}

/** Serialises a document as canonical graph file text. */
export function serializeGraph(doc: GraphDoc, registry: Registry): string {
  const nodes: JsonObject = {};
  for (const node of Object.values(doc.nodes)) {
    const ph = Object.hasOwn(doc.placeholders, node.id) ? doc.placeholders[node.id] : undefined;
    nodes[node.id] = ph ? placeholderJson(node, ph) : nodeJson(node, registry);
  }
  const file = {
    format: GRAPH_FORMAT,
    version: GRAPH_FORMAT_VERSION,
    plugins: pluginLock(doc, registry),
    meta: doc.meta,
    nodes,
    edges: Object.values(doc.edges).map((e) => ({
      from: { node: e.from.node, port: e.from.port },
      to: { node: e.to.node, port: e.to.port },
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
