/**
 * Group and ungroup inside a block definition (nested blocks; docs/blocks.md). They run the
 * top-level `groupIntoBlock` and `ungroup` on the definition's body, with the definition's ports
 * stood in for by temporary port nodes (an input port is a node feeding the inner ports it
 * feeds; an output port a node fed by the port it gives), so the ports follow the edit like any
 * edge: a port feeding a grouped node becomes an input of the new block, a grouped node that
 * gives a port becomes an output. Exposed params bound to grouped nodes are exposed again on the
 * new block and bound to its instance. Each is one undo step; every instance follows.
 */
import { castDraft } from 'immer';
import { defineCommand, requireNode, type DocDraft } from '../graph/command.ts';
import { instanceBlockId, type BlockDef, type BlockParam } from '../graph/blockTypes.ts';
import { edgeId } from '../graph/ids.ts';
import type { GraphDoc, GraphEdge, GraphNode, PortRef } from '../graph/types.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { blockOf } from './check.ts';
import { groupIntoBlock, ungroup } from './commands.ts';

const PORT_TYPE = 'netwright.blockPort';
const IN_PREFIX = '⇢in:';
const OUT_PREFIX = '⇢out:';

function requireDef(doc: GraphDoc, block: string, what: string): BlockDef {
  const def = blockOf(doc.blocks, block);
  if (!def) throw new NetwrightError('GRAPH_BAD_VALUE', `${what}: there is no block "${block}"`, {});
  return def;
}

function portNode(id: string): GraphNode {
  return { id, type: PORT_TYPE, params: {}, position: { x: 0, y: 0 } };
}

function link(edges: Record<string, GraphEdge>, from: PortRef, to: PortRef): void {
  const id = edgeId(from, to);
  edges[id] = { id, from, to };
}

/** The body of `def` as a document of `doc`'s blocks, its ports drawn as port nodes. */
function bodyWithPorts(doc: GraphDoc, def: BlockDef): GraphDoc {
  const nodes: Record<string, GraphNode> = { ...def.nodes };
  const edges: Record<string, GraphEdge> = { ...def.edges };
  for (const [name, refs] of Object.entries(def.inputs)) {
    nodes[IN_PREFIX + name] = portNode(IN_PREFIX + name);
    for (const to of refs) link(edges, { node: IN_PREFIX + name, port: 'out' }, to);
  }
  for (const [name, from] of Object.entries(def.outputs)) {
    nodes[OUT_PREFIX + name] = portNode(OUT_PREFIX + name);
    link(edges, from, { node: OUT_PREFIX + name, port: 'in' });
  }
  return { nodes, edges, placeholders: def.placeholders, meta: {}, ...(doc.blocks ? { blocks: doc.blocks } : {}) };
}

/** `def` with the body `next` (port nodes read back into its ports and removed). */
function readPorts(def: BlockDef, next: GraphDoc): BlockDef {
  const isPort = (id: string): boolean => id.startsWith(IN_PREFIX) || id.startsWith(OUT_PREFIX);
  const edges = Object.values(next.edges);
  const inputs: Record<string, PortRef[]> = {};
  for (const name of Object.keys(def.inputs))
    inputs[name] = edges.filter((e) => e.from.node === IN_PREFIX + name).map((e) => e.to);
  const outputs: Record<string, PortRef> = {};
  for (const name of Object.keys(def.outputs)) {
    const from = edges.find((e) => e.to.node === OUT_PREFIX + name)?.from;
    if (from) outputs[name] = from;
  }
  return {
    ...def,
    inputs,
    outputs,
    nodes: Object.fromEntries(Object.entries(next.nodes).filter(([id]) => !isPort(id))),
    edges: Object.fromEntries(Object.entries(next.edges).filter(([, e]) => !isPort(e.from.node) && !isPort(e.to.node))),
    placeholders: next.placeholders,
  };
}

function setDef(draft: DocDraft, id: string, def: BlockDef): void {
  draft.blocks ??= {};
  draft.blocks[id] = castDraft(def);
}

/** Arguments of {@link groupInBlock}. */
export interface GroupInBlockArgs {
  /** The open definition the nodes are in. */
  readonly block: string;
  readonly nodes: readonly string[];
  /** Id of the new (inner) definition: `freshBlockId(doc, …)`. */
  readonly newBlock: string;
  /** Id of its instance inside `block`. */
  readonly instance: string;
  readonly title?: string;
}

/**
 * Groups nodes of definition `block` into a new block whose instance takes their place inside
 * it (see the module comment); refused like a top-level group (`GRAPH_CYCLE`).
 */
export const groupInBlock = defineCommand<GroupInBlockArgs>('groupInBlock', (draft, args, base) => {
  const def = requireDef(base, args.block, 'group');
  const grouped = new Set(args.nodes);
  for (const id of grouped) requireNode(def.nodes, id, `group in block "${args.block}"`);
  const next = groupIntoBlock(bodyWithPorts(base, def), {
    nodes: args.nodes,
    block: args.newBlock,
    instance: args.instance,
    ...(args.title === undefined ? {} : { title: args.title }),
  });
  const inner = next.blocks![args.newBlock]!;
  const innerParams: Record<string, BlockParam> = {};
  const outerParams: Record<string, BlockParam> = {};
  for (const [name, p] of Object.entries(def.params)) {
    const moved = p.bind.filter((b) => grouped.has(b.node));
    if (moved.length === 0) {
      outerParams[name] = p;
      continue;
    }
    innerParams[name] = { ...p, bind: moved };
    outerParams[name] = { ...p, bind: [...p.bind.filter((b) => !grouped.has(b.node)), { node: args.instance, param: name }] };
  }
  setDef(draft, args.newBlock, { ...inner, params: innerParams });
  setDef(draft, args.block, { ...readPorts(def, next), params: outerParams });
});

/** `p` with its bindings to the ungrouped instance `node` moved to the copies of the nodes they reached. */
function rebind(p: BlockParam, name: string, node: string, inner: BlockDef, copies: (id: string) => string[]): BlockParam {
  const bind = p.bind.flatMap((b) => {
    if (b.node !== node) return [b];
    const reached = inner.params[b.param];
    if (!reached) {
      throw new NetwrightError(
        'GRAPH_BAD_VALUE',
        `ungroup: the exposed param "${name}" is bound to "${node}.${b.param}", which has no nodes to go to once ungrouped; unbind it first`,
        { node },
      );
    }
    return reached.bind.flatMap((r) => copies(r.node).map((id) => ({ node: id, param: r.param })));
  });
  return { ...p, bind };
}

/**
 * Replaces instance `node` of definition `block` by its nodes inside `block` (every copy of a
 * repeat, chained). An exposed param of `block` bound to one of the instance's exposed params is
 * bound to the nodes that param reached, in every copy; one bound to its `repeat` is refused.
 */
export const ungroupInBlock = defineCommand<{ readonly block: string; readonly node: string }>(
  'ungroupInBlock',
  (draft, args, base) => {
    const def = requireDef(base, args.block, 'ungroup');
    const inst = requireNode(def.nodes, args.node, `ungroup in block "${args.block}"`);
    const inner = requireDef(base, instanceBlockId(inst) ?? '', `ungroup "${args.node}"`);
    const body = bodyWithPorts(base, def);
    const next = ungroup(body, { node: args.node });
    // ungroup adds copy 0's nodes in the definition's order, then copy 1's, and so on.
    const added = Object.keys(next.nodes).filter((id) => !Object.hasOwn(body.nodes, id));
    const innerIds = Object.keys(inner.nodes);
    const copies = (id: string): string[] => added.filter((_, j) => innerIds[j % innerIds.length] === id);
    const params: Record<string, BlockParam> = {};
    for (const [name, p] of Object.entries(def.params)) params[name] = rebind(p, name, args.node, inner, copies);
    setDef(draft, args.block, { ...readPorts(def, next), params });
  },
);
