/**
 * Saves a document as canonical graph file text: 2-space JSON, envelope keys in a fixed order,
 * the plugin lock sorted by id, block definitions (when there are any) before the nodes that use
 * them, nodes and edges in document order, params in spec order then any others (an instance's:
 * `block`, `repeat`, then its block's params), a trailing newline. Loading a canonical file and saving it gives the same bytes,
 * placeholders of missing plugins included.
 */
import { blockOf, type Body } from '../blocks/check.ts';
import { instanceDescriptors } from '../blocks/params.ts';
import { instanceBlockId, isInstance, type BlockDef, type BlockParam } from '../graph/blockTypes.ts';
import type { GraphDoc, GraphNode, JsonValue, PlaceholderInfo, PortRef } from '../graph/types.ts';
import type { Registry } from '../sdk/registry.ts';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from './limits.ts';

type JsonObject = { [key: string]: JsonValue };

function orderedParams(node: GraphNode, registry: Registry, blocks: GraphDoc['blocks']): JsonObject {
  const out: JsonObject = {};
  const def = isInstance(node) ? blockOf(blocks, instanceBlockId(node)) : undefined;
  const names = def ? Object.keys(instanceDescriptors(def)) : Object.keys(registry.get(node.type)?.params ?? {});
  for (const name of names) {
    if (Object.hasOwn(node.params, name)) out[name] = node.params[name] as JsonValue;
  }
  for (const [name, value] of Object.entries(node.params)) {
    if (!Object.hasOwn(out, name)) out[name] = value as JsonValue;
  }
  return out;
}

function nodeJson(node: GraphNode, registry: Registry, blocks: GraphDoc['blocks']): JsonObject {
  const out: JsonObject = {
    type: node.type,
    params: orderedParams(node, registry, blocks),
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
  for (const body of [doc, ...Object.values(doc.blocks ?? {})]) {
    for (const node of Object.values(body.nodes)) {
      if (lock.has(node.type) || isInstance(node)) continue;
      const ph = Object.hasOwn(body.placeholders, node.id) ? body.placeholders[node.id] : undefined;
      const spec = ph ? undefined : registry.get(node.type);
      if (spec) lock.set(node.type, { version: spec.version, migration: spec.migrations?.length ?? 0 });
      else if (ph?.lockedVersion !== undefined && ph.lockedMigration !== undefined) {
        lock.set(node.type, { version: ph.lockedVersion, migration: ph.lockedMigration });
      }
    }
  }
  const out: Record<string, { version: string; migration: number }> = {};
  for (const id of [...lock.keys()].sort()) out[id] = lock.get(id)!;
  return out;
}

function nodesJson(body: Body, registry: Registry, blocks: GraphDoc['blocks']): JsonObject {
  const nodes: JsonObject = {};
  for (const node of Object.values(body.nodes)) {
    const ph = Object.hasOwn(body.placeholders, node.id) ? body.placeholders[node.id] : undefined;
    nodes[node.id] = ph ? placeholderJson(node, ph) : nodeJson(node, registry, blocks);
  }
  return nodes;
}

function edgesJson(body: Body): JsonValue[] {
  return Object.values(body.edges).map((e) => ({
    from: { node: e.from.node, port: e.from.port },
    to: { node: e.to.node, port: e.to.port },
  }));
}

function portJson(ref: PortRef): JsonObject {
  return { node: ref.node, port: ref.port };
}

function paramJson(p: BlockParam): JsonObject {
  const out: JsonObject = { kind: p.kind, default: p.default as JsonValue };
  if (p.min !== undefined) out.min = p.min;
  if (p.max !== undefined) out.max = p.max;
  if (p.options !== undefined) out.options = [...p.options];
  if (p.doc !== undefined) out.doc = p.doc;
  out.bind = p.bind.map((b) => ({ node: b.node, param: b.param }));
  return out;
}

function blockJson(def: BlockDef, registry: Registry, blocks: GraphDoc['blocks']): JsonObject {
  const out: JsonObject = {};
  if (def.title !== undefined) out.title = def.title;
  if (def.doc !== undefined) out.doc = def.doc;
  out.inputs = Object.fromEntries(Object.entries(def.inputs).map(([k, refs]) => [k, refs.map(portJson)]));
  out.outputs = Object.fromEntries(Object.entries(def.outputs).map(([k, ref]) => [k, portJson(ref)]));
  if (Object.keys(def.params).length > 0)
    out.params = Object.fromEntries(Object.entries(def.params).map(([k, p]) => [k, paramJson(p)]));
  out.nodes = nodesJson(def, registry, blocks);
  out.edges = edgesJson(def);
  return out;
}

/** Serialises a document as canonical graph file text. */
export function serializeGraph(doc: GraphDoc, registry: Registry): string {
  const blocks = doc.blocks ?? {};
  const file = {
    format: GRAPH_FORMAT,
    version: GRAPH_FORMAT_VERSION,
    plugins: pluginLock(doc, registry),
    meta: doc.meta,
    ...(Object.keys(blocks).length > 0
      ? { blocks: Object.fromEntries(Object.entries(blocks).map(([id, def]) => [id, blockJson(def, registry, blocks)])) }
      : {}),
    nodes: nodesJson(doc, registry, blocks),
    edges: edgesJson(doc),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
