/**
 * Copy and paste of node sets. A clipboard is plain JSON (it may travel through the system
 * clipboard); pasting gives every node a fresh id and keeps only the links inside the set.
 * Block instances carry the definitions they use (nested ones too): a pasted definition joins
 * an identical one of the target document, or is added (under a fresh id if its id is taken).
 */
import { NetwrightError } from '../sdk/errors.ts';
import { castDraft } from 'immer';
import { defineCommand } from './command.ts';
import { checkName, edgeId, freshNodeId } from './ids.ts';
import { cloneJson, findJsonProblem } from './json.ts';
import { BLOCK_PARAM, instanceBlockId, isInstance, type BlockDef } from './blockTypes.ts';
import type { GraphDoc, GraphNode, PlaceholderInfo, PortRef, Position } from './types.ts';

/** A copied set of nodes with the edges between them. */
export interface GraphClip {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly { readonly from: PortRef; readonly to: PortRef }[];
  /** Placeholder records of copied placeholder nodes, by their (old) node id. */
  readonly placeholders?: Readonly<Record<string, PlaceholderInfo>>;
  /** Definitions the copied instances use, directly or nested, by block id. */
  readonly blocks?: Readonly<Record<string, BlockDef>>;
}

/** The definitions `nodes` use, with those they use in turn. */
function usedBlocks(doc: GraphDoc, nodes: readonly GraphNode[]): Record<string, BlockDef> {
  const out: Record<string, BlockDef> = {};
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const id = isInstance(n) ? instanceBlockId(n) : undefined;
    if (id === undefined || Object.hasOwn(out, id) || !doc.blocks || !Object.hasOwn(doc.blocks, id)) continue;
    out[id] = doc.blocks[id]!;
    stack.push(...Object.values(out[id].nodes));
  }
  return out;
}

/** Clip block id -> the id it has in `doc` after the paste, and the definitions to add. */
function mergeBlocks(
  doc: GraphDoc,
  clip: GraphClip,
): { ids: Map<string, string>; added: Record<string, BlockDef> } {
  const ids = new Map<string, string>();
  const added: Record<string, BlockDef> = {};
  const have = doc.blocks ?? {};
  for (const [id, def] of Object.entries(clip.blocks ?? {})) {
    if (Object.hasOwn(have, id) && JSON.stringify(have[id]) === JSON.stringify(def)) {
      ids.set(id, id);
      continue;
    }
    let fresh = id;
    for (let i = 2; Object.hasOwn(have, fresh) || Object.hasOwn(added, fresh); i++) fresh = `${id}${i}`;
    ids.set(id, fresh);
    added[fresh] = def;
  }
  const rename = (n: GraphNode): GraphNode => {
    const to = isInstance(n) ? ids.get(instanceBlockId(n) ?? '') : undefined;
    return to === undefined ? n : { ...n, params: { ...n.params, [BLOCK_PARAM]: to } };
  };
  for (const [id, def] of Object.entries(added)) {
    added[id] = {
      ...def,
      nodes: Object.fromEntries(Object.entries(def.nodes).map(([k, n]) => [k, rename(n)])),
    };
  }
  return { ids, added };
}

/** Copies the given nodes and the edges that run between them. Unknown ids are ignored. */
export function copyNodes(doc: GraphDoc, ids: Iterable<string>): GraphClip {
  const set = new Set([...ids].filter((id) => Object.hasOwn(doc.nodes, id)));
  const nodes = Object.values(doc.nodes).filter((n) => set.has(n.id));
  const edges = Object.values(doc.edges)
    .filter((e) => set.has(e.from.node) && set.has(e.to.node))
    .map((e) => ({ from: e.from, to: e.to }));
  const placeholders: Record<string, PlaceholderInfo> = {};
  for (const id of set) if (Object.hasOwn(doc.placeholders, id)) placeholders[id] = doc.placeholders[id]!;
  const blocks = usedBlocks(doc, nodes);
  return { nodes, edges, placeholders, ...(Object.keys(blocks).length > 0 ? { blocks } : {}) };
}

/**
 * The fresh ids a paste of `clip` into `doc` will use, old id -> new id. Deterministic: the
 * editor calls it to select the pasted nodes.
 */
export function pasteIdMap(doc: GraphDoc, clip: GraphClip): Map<string, string> {
  const map = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of clip.nodes) {
    const id = freshNodeId(doc, n.type, taken);
    taken.add(id);
    map.set(n.id, id);
  }
  return map;
}

/** Arguments of {@link paste}. */
export interface PasteArgs {
  readonly clip: GraphClip;
  /** Added to every pasted position (so copies do not hide the originals). */
  readonly offset?: Position;
}

function checkClipNode(n: GraphNode, i: number): void {
  const problem = findJsonProblem(
    { params: n.params, data: n.data ?? null, position: n.position },
    `clip.nodes[${i}]`,
  );
  if (problem) throw new NetwrightError('GRAPH_BAD_VALUE', problem.message, { node: n.id });
  if (typeof n.type !== 'string' || n.type.length === 0) {
    throw new NetwrightError('GRAPH_BAD_VALUE', `clip.nodes[${i}] has no plugin type`, { node: n.id });
  }
}

/** Pastes a clip: fresh ids, positions shifted by `offset`, inner edges remapped. */
export const paste = defineCommand<PasteArgs>('paste', (draft, args, base) => {
  const { clip } = args;
  clip.nodes.forEach(checkClipNode);
  const ids = pasteIdMap(base, clip);
  const dx = args.offset?.x ?? 0;
  const dy = args.offset?.y ?? 0;
  const merged = mergeBlocks(base, clip);
  if (Object.keys(merged.added).length > 0) {
    draft.blocks ??= {};
    for (const [id, def] of Object.entries(merged.added)) draft.blocks[id] = castDraft(cloneJson(def));
  }
  for (const n of clip.nodes) {
    const id = ids.get(n.id)!;
    const renamed = isInstance(n) ? merged.ids.get(instanceBlockId(n) ?? '') : undefined;
    const node: GraphNode = {
      ...cloneJson(n),
      ...(renamed === undefined ? {} : { params: { ...cloneJson(n.params), [BLOCK_PARAM]: renamed } }),
      id,
      position: { x: n.position.x + dx, y: n.position.y + dy },
    };
    draft.nodes[id] = castDraft(node);
    const ph = clip.placeholders?.[n.id];
    if (ph && Object.hasOwn(clip.placeholders, n.id)) draft.placeholders[id] = cloneJson(ph);
  }
  const fed = new Set<string>();
  for (const e of clip.edges) {
    const from = ids.get(e.from.node);
    const to = ids.get(e.to.node);
    if (from === undefined || to === undefined) continue;
    if (checkName(e.from.port, 'port') ?? checkName(e.to.port, 'port')) continue;
    const fromRef = { node: from, port: e.from.port };
    const toRef = { node: to, port: e.to.port };
    // An input takes at most one edge, even in a hand-made clip.
    if (fed.has(`${to}.${e.to.port}`)) continue;
    fed.add(`${to}.${e.to.port}`);
    const eid = edgeId(fromRef, toRef);
    draft.edges[eid] = { id: eid, from: fromRef, to: toRef };
  }
});
