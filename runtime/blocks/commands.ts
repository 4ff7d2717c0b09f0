/**
 * Graph commands for blocks (docs/blocks.md), declared like every command
 * (`graph/command.ts`), so each is one undo step of the runtime history: group nodes into a
 * block, ungroup an instance, edit a definition with any graph command (every instance follows),
 * make an instance unique, and change a definition's ports, exposed params, title or doc. The
 * repeat count and exposed param values of an instance are ordinary params: `setParam`.
 */
import { castDraft } from 'immer';
import { defineCommand, removeKey, requireNode, type DocDraft, type GraphCommand } from '../graph/command.ts';
import {
  BLOCK_PARAM,
  BLOCK_TYPE,
  isInstance,
  instanceBlockId,
  type BlockDef,
  type BlockParam,
} from '../graph/blockTypes.ts';
import { checkNodeId, edgeId, freshNodeId } from '../graph/ids.ts';
import { cloneJson } from '../graph/json.ts';
import type { GraphDoc, GraphEdge, GraphNode, PlaceholderInfo, PortRef, Position } from '../graph/types.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { blockOf } from './check.ts';
import { bindExposedParams } from './flatten.ts';
import { resolveInstanceParams } from './params.ts';

function blockError(message: string, node?: string): NetwrightError {
  return new NetwrightError('GRAPH_BAD_VALUE', message, node === undefined ? {} : { node });
}

function requireBlock(doc: GraphDoc, id: string, context: string): BlockDef {
  const def = blockOf(doc.blocks, id);
  if (!def) throw blockError(`${context}: there is no block "${id}"`);
  return def;
}

/** A fresh block id: `base`, else `base2`, `base3`, … */
export function freshBlockId(doc: GraphDoc, base: string): string {
  const blocks = doc.blocks ?? {};
  if (!Object.hasOwn(blocks, base)) return base;
  for (let i = 2; ; i++) if (!Object.hasOwn(blocks, `${base}${i}`)) return `${base}${i}`;
}

function setBlock(draft: DocDraft, id: string, def: BlockDef): void {
  draft.blocks ??= {};
  draft.blocks[id] = castDraft(def);
}

function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}${i}`;
  taken.add(out);
  return out;
}

/** Outside nodes both fed by the set and feeding it: grouping would close a cycle through them. */
function cycleThrough(doc: GraphDoc, set: ReadonlySet<string>): string | undefined {
  const next = new Map<string, string[]>();
  const prev = new Map<string, string[]>();
  for (const e of Object.values(doc.edges)) {
    next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
    prev.set(e.to.node, [...(prev.get(e.to.node) ?? []), e.from.node]);
  }
  const outside = (links: Map<string, string[]>): Set<string> => {
    const seen = new Set(set);
    const found = new Set<string>();
    const stack = [...set];
    while (stack.length > 0) {
      for (const b of links.get(stack.pop()!) ?? []) {
        if (seen.has(b)) continue;
        seen.add(b);
        found.add(b);
        stack.push(b);
      }
    }
    return found;
  };
  const down = outside(next);
  for (const id of outside(prev)) if (down.has(id)) return id;
  return undefined;
}

/** Arguments of {@link groupIntoBlock}. */
export interface GroupArgs {
  readonly nodes: readonly string[];
  /** Id of the new definition (see {@link freshBlockId}). */
  readonly block: string;
  /** Id of the instance that replaces the nodes; `freshNodeId(doc, 'block')` when absent. */
  readonly instance?: string;
  readonly title?: string;
}

/**
 * Replaces top-level nodes by an instance of a new block made of them. Edges inside the set
 * move into the block; each outside output feeding the set becomes one block input (feeding
 * every inner port it fed), and each inner output read outside becomes one block output.
 * Throws `GRAPH_CYCLE` when an outside node is both fed by the set and feeds it.
 */
export const groupIntoBlock = defineCommand<GroupArgs>('groupIntoBlock', (draft, args, base) => {
  const set = new Set(args.nodes);
  if (set.size === 0) throw blockError('group: select at least one node');
  for (const id of set) requireNode(base.nodes, id, 'group');
  const bad = checkNodeId(args.block);
  if (bad) throw new NetwrightError('GRAPH_BAD_NAME', `block id: ${bad}`, {});
  if (blockOf(base.blocks, args.block)) throw blockError(`group: a block "${args.block}" already exists`);
  const loop = cycleThrough(base, set);
  if (loop) {
    throw new NetwrightError(
      'GRAPH_CYCLE',
      `grouping these nodes would make a cycle through "${loop}", which is fed by the group and feeds it; add "${loop}" to the group or leave out the nodes around it`,
      { node: loop },
    );
  }
  const members = Object.values(base.nodes).filter((n) => set.has(n.id));
  const minX = Math.min(...members.map((n) => n.position.x));
  const minY = Math.min(...members.map((n) => n.position.y));
  const nodes: Record<string, GraphNode> = {};
  const placeholders: Record<string, PlaceholderInfo> = {};
  for (const n of members) {
    nodes[n.id] = { ...n, position: { x: n.position.x - minX, y: n.position.y - minY } };
    if (Object.hasOwn(base.placeholders, n.id)) placeholders[n.id] = base.placeholders[n.id]!;
  }
  const instance = args.instance ?? freshNodeId(base, BLOCK_TYPE);
  const edges: Record<string, GraphEdge> = {};
  const inputs: Record<string, PortRef[]> = {};
  const outputs: Record<string, PortRef> = {};
  const inputBySource = new Map<string, string>();
  const outputBySource = new Map<string, string>();
  const inNames = new Set<string>();
  const outNames = new Set<string>();
  const outer: GraphEdge[] = [];
  for (const [eid, e] of Object.entries(base.edges)) {
    const fromIn = set.has(e.from.node);
    const toIn = set.has(e.to.node);
    if (!fromIn && !toIn) continue;
    removeKey(draft.edges, eid);
    if (fromIn && toIn) {
      edges[eid] = e;
    } else if (toIn) {
      const key = `${e.from.node}.${e.from.port}`;
      let name = inputBySource.get(key);
      if (name === undefined) {
        name = uniqueName(e.to.port, inNames);
        inputBySource.set(key, name);
        inputs[name] = [];
        outer.push({ id: '', from: e.from, to: { node: instance, port: name } });
      }
      inputs[name]!.push(e.to);
    } else {
      const key = `${e.from.node}.${e.from.port}`;
      let name = outputBySource.get(key);
      if (name === undefined) {
        name = uniqueName(e.from.port, outNames);
        outputBySource.set(key, name);
        outputs[name] = e.from;
      }
      outer.push({ id: '', from: { node: instance, port: name }, to: e.to });
    }
  }
  for (const id of set) {
    removeKey(draft.nodes, id);
    removeKey(draft.placeholders, id);
  }
  const cx = members.reduce((a, n) => a + n.position.x, 0) / members.length;
  const cy = members.reduce((a, n) => a + n.position.y, 0) / members.length;
  draft.nodes[instance] = castDraft({
    id: instance,
    type: BLOCK_TYPE,
    params: { [BLOCK_PARAM]: args.block },
    position: { x: cx, y: cy },
  });
  for (const e of outer) {
    const id = edgeId(e.from, e.to);
    draft.edges[id] = { id, from: { ...e.from }, to: { ...e.to } };
  }
  setBlock(draft, args.block, {
    ...(args.title === undefined ? {} : { title: args.title }),
    inputs,
    outputs,
    params: {},
    nodes,
    edges,
    placeholders,
  });
});

/**
 * Replaces an instance by its definition's nodes (every copy of a repeat, chained), with the
 * exposed values written into their params; inner instances stay instances. The definition stays.
 */
export const ungroup = defineCommand<{ readonly node: string }>('ungroup', (draft, args, base) => {
  const inst = requireNode(base.nodes, args.node, 'ungroup');
  if (!isInstance(inst)) throw blockError(`ungroup: node "${args.node}" is not a block instance`, args.node);
  const blockId = instanceBlockId(inst) ?? '';
  const def = requireBlock(base, blockId, `ungroup "${args.node}"`);
  const resolved = resolveInstanceParams(def, inst.params);
  if (!resolved.ok)
    throw blockError(`ungroup: node "${args.node}": ${resolved.issues[0]!.message}`, args.node);
  const repeat = resolved.values.repeat as number;
  const nodes = bindExposedParams(def, resolved.values);
  const width = Math.max(0, ...Object.values(nodes).map((n) => n.position.x)) + 250;
  const taken = new Set<string>(Object.keys(base.nodes).filter((id) => id !== args.node));
  const copies: Map<string, string>[] = [];
  for (let k = 0; k < repeat; k++) {
    const ids = new Map<string, string>();
    for (const n of Object.values(nodes)) {
      const id = taken.has(n.id) ? freshNodeId({ ...base, nodes: {} }, n.type, taken) : n.id;
      taken.add(id);
      ids.set(n.id, id);
      const pos: Position = {
        x: inst.position.x + k * width + n.position.x,
        y: inst.position.y + n.position.y,
      };
      draft.nodes[id] = castDraft({ ...cloneJson(n), id, position: pos });
      if (Object.hasOwn(def.placeholders, n.id))
        draft.placeholders[id] = castDraft(cloneJson(def.placeholders[n.id]!));
    }
    for (const e of Object.values(def.edges))
      addEdge(
        draft,
        { node: ids.get(e.from.node)!, port: e.from.port },
        { node: ids.get(e.to.node)!, port: e.to.port },
      );
    copies.push(ids);
  }
  const inRefs = (k: number, port: string): PortRef[] =>
    (def.inputs[port] ?? []).map((r) => ({ node: copies[k]!.get(r.node)!, port: r.port }));
  const outRef = (k: number, port: string): PortRef | undefined => {
    const r = def.outputs[port];
    return r ? { node: copies[k]!.get(r.node)!, port: r.port } : undefined;
  };
  const [onlyIn] = Object.keys(def.inputs);
  const [onlyOut] = Object.keys(def.outputs);
  for (let k = 1; k < repeat; k++) {
    const from = outRef(k - 1, onlyOut!);
    if (from) for (const to of inRefs(k, onlyIn!)) addEdge(draft, from, to);
  }
  for (const [eid, e] of Object.entries(base.edges)) {
    if (e.to.node === args.node) for (const to of inRefs(0, e.to.port)) addEdge(draft, e.from, to);
    if (e.from.node === args.node) {
      const from = outRef(repeat - 1, e.from.port);
      if (from) addEdge(draft, from, e.to);
    }
    if (e.to.node === args.node || e.from.node === args.node) removeKey(draft.edges, eid);
  }
  removeKey(draft.nodes, args.node);
});

function addEdge(draft: DocDraft, from: PortRef, to: PortRef): void {
  const id = edgeId(from, to);
  draft.edges[id] = { id, from: { ...from }, to: { ...to } };
}

/** Arguments of {@link editBlock}: a graph command and its arguments, run on the definition. */
export interface EditBlockArgs<A> {
  readonly block: string;
  readonly command: GraphCommand<A>;
  readonly args: A;
}

/**
 * The arguments of {@link editBlockCommand}, typed by the inner command:
 * `history.apply(editBlockCommand, blockEdit('res', setParam, {node: 'l1', param: 'bias', value: false}))`.
 */
export function blockEdit<A>(block: string, command: GraphCommand<A>, args: A): EditBlockArgs<unknown> {
  return { block, command, args } as EditBlockArgs<unknown>;
}

/**
 * Runs a graph command (addNode, connect, setParam, removeNodes, move, …) inside a definition:
 * every instance follows, and the change is one undo step. Ports and bindings that named a
 * removed inner node are dropped with it. Build the arguments with {@link blockEdit}.
 */
export const editBlockCommand = defineCommand<EditBlockArgs<unknown>>('editBlock', (draft, args, base) => {
  const def = requireBlock(base, args.block, 'edit block');
  const body: GraphDoc = { nodes: def.nodes, edges: def.edges, placeholders: def.placeholders, meta: {} };
  const next = args.command(body, args.args);
  const alive = (ref: PortRef): boolean => Object.hasOwn(next.nodes, ref.node);
  const inputs: Record<string, readonly PortRef[]> = {};
  for (const [k, refs] of Object.entries(def.inputs)) inputs[k] = refs.filter(alive);
  const outputs: Record<string, PortRef> = {};
  for (const [k, ref] of Object.entries(def.outputs)) if (alive(ref)) outputs[k] = ref;
  const params: Record<string, BlockParam> = {};
  for (const [k, p] of Object.entries(def.params))
    params[k] = { ...p, bind: p.bind.filter((b) => Object.hasOwn(next.nodes, b.node)) };
  setBlock(draft, args.block, {
    ...def,
    inputs,
    outputs,
    params,
    nodes: next.nodes,
    edges: next.edges,
    placeholders: next.placeholders,
  });
});

/** Gives one instance its own copy of its definition (a fresh id), so edits touch only it. */
export const makeUnique = defineCommand<{ readonly node: string; readonly block?: string }>(
  'makeUnique',
  (draft, args, base) => {
    const inst = requireNode(base.nodes, args.node, 'make unique');
    if (!isInstance(inst))
      throw blockError(`make unique: node "${args.node}" is not a block instance`, args.node);
    const from = instanceBlockId(inst) ?? '';
    const def = requireBlock(base, from, `make unique "${args.node}"`);
    const id = args.block ?? freshBlockId(base, from);
    if (blockOf(base.blocks, id)) throw blockError(`make unique: a block "${id}" already exists`);
    setBlock(draft, id, cloneJson(def));
    draft.nodes[args.node]!.params[BLOCK_PARAM] = id;
  },
);

/** Arguments of {@link setBlockInterface}: what to change; absent fields stay. */
export interface BlockInterfaceArgs {
  readonly block: string;
  readonly title?: string;
  readonly doc?: string;
  readonly inputs?: Readonly<Record<string, readonly PortRef[]>>;
  readonly outputs?: Readonly<Record<string, PortRef>>;
  /** Exposed params by name; `undefined` removes one. */
  readonly params?: Readonly<Record<string, BlockParam | undefined>>;
}

/** Changes a definition's title, doc, ports or exposed params (checked by `checkBlocks`). */
export const setBlockInterface = defineCommand<BlockInterfaceArgs>(
  'setBlockInterface',
  (draft, args, base) => {
    const def = requireBlock(base, args.block, 'set block');
    const params: Record<string, BlockParam> = { ...def.params };
    for (const [k, p] of Object.entries(args.params ?? {})) {
      if (p === undefined) removeKey(params, k);
      else params[k] = cloneJson(p);
    }
    setBlock(draft, args.block, {
      ...def,
      ...(args.title === undefined ? {} : { title: args.title }),
      ...(args.doc === undefined ? {} : { doc: args.doc }),
      ...(args.inputs === undefined ? {} : { inputs: cloneJson(args.inputs) }),
      ...(args.outputs === undefined ? {} : { outputs: cloneJson(args.outputs) }),
      params,
    });
  },
);

/** Removes a definition no instance uses (anywhere); throws naming a user otherwise. */
export const removeBlock = defineCommand<{ readonly block: string }>('removeBlock', (draft, args, base) => {
  requireBlock(base, args.block, 'remove block');
  const bodies: [string, GraphDoc | BlockDef][] = [
    ['the graph', base],
    ...Object.entries(base.blocks ?? {}).map(([k, d]) => [`block "${k}"`, d] as [string, BlockDef]),
  ];
  for (const [where, body] of bodies) {
    const user = Object.values(body.nodes).find((n) => isInstance(n) && instanceBlockId(n) === args.block);
    if (user)
      throw blockError(
        `remove block: node "${user.id}" of ${where} still uses block "${args.block}"`,
        user.id,
      );
  }
  removeKey(draft.blocks!, args.block);
});
