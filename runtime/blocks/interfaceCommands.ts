/**
 * Renaming and removing a block's ports and exposed params (docs/blocks.md). Unlike
 * `setBlockInterface`, these also fix what uses them: every edge to or from that port of an
 * instance of the block (in the graph and inside other definitions) follows the rename or goes
 * with the port, and every instance's value of the param is renamed or dropped. Each is one
 * undo step. Adding a port or an exposed param, or changing its bindings, default and range,
 * needs no such fix: `setBlockInterface`.
 */
import { castDraft } from 'immer';
import { defineCommand, removeKey, type DocDraft } from '../graph/command.ts';
import { instanceBlockId, isInstance, type BlockDef } from '../graph/blockTypes.ts';
import { checkName, edgeId } from '../graph/ids.ts';
import type { GraphEdge, GraphNode } from '../graph/types.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { blockOf } from './check.ts';

/** Which side of a block a port is on. */
export type PortSide = 'input' | 'output';

interface Body {
  nodes: Record<string, GraphNode>;
  edges: Record<string, GraphEdge>;
}

function badValue(message: string): NetwrightError {
  return new NetwrightError('GRAPH_BAD_VALUE', message, {});
}

function requireDef(doc: { readonly blocks?: Readonly<Record<string, BlockDef>> }, block: string, what: string): BlockDef {
  const def = blockOf(doc.blocks, block);
  if (!def) throw badValue(`${what}: there is no block "${block}"`);
  return def;
}

/** The graph's body and every definition's body, as drafts. */
function bodies(draft: DocDraft): Body[] {
  const all = [draft as unknown as Body];
  for (const def of Object.values(draft.blocks ?? {})) all.push(def);
  return all;
}

/** The ids of the instances of `block` in `body`. */
function instancesIn(body: Body, block: string): Set<string> {
  return new Set(Object.values(body.nodes).filter((n) => isInstance(n) && instanceBlockId(n) === block).map((n) => n.id));
}

/** Edges at port `port` (side `side`) of the instances of `block`, everywhere: renamed to `to`, or removed. */
function fixEdges(draft: DocDraft, block: string, side: PortSide, port: string, to: string | undefined): void {
  for (const body of bodies(draft)) {
    const users = instancesIn(body, block);
    if (users.size === 0) continue;
    for (const [id, e] of Object.entries(body.edges)) {
      const end = side === 'input' ? e.to : e.from;
      if (!users.has(end.node) || end.port !== port) continue;
      removeKey(body.edges, id);
      if (to === undefined) continue;
      const moved = side === 'input' ? { ...e, to: { ...e.to, port: to } } : { ...e, from: { ...e.from, port: to } };
      const next = edgeId(moved.from, moved.to);
      body.edges[next] = { ...moved, id: next };
    }
  }
}

/** Instance values of param `param` of `block`, everywhere: renamed to `to`, or removed. */
function fixValues(draft: DocDraft, block: string, param: string, to: string | undefined): void {
  for (const body of bodies(draft)) {
    for (const id of instancesIn(body, block)) {
      const params = body.nodes[id]!.params as Record<string, unknown>;
      if (!Object.hasOwn(params, param)) continue;
      const value = params[param];
      removeKey(params, param);
      if (to !== undefined) params[to] = value;
    }
  }
}

function checkNewName(taken: Readonly<Record<string, unknown>>, name: string, kind: 'port' | 'param', what: string): void {
  const bad = checkName(name, kind);
  if (bad) throw new NetwrightError('GRAPH_BAD_NAME', `${what} "${name}": ${bad}`, {});
  if (Object.hasOwn(taken, name)) throw badValue(`${what}: "${name}" is already taken`);
}

/** Renames (keeping its place in the order) an entry of a record. */
function renamed<T>(record: Readonly<Record<string, T>>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

function setDef(draft: DocDraft, id: string, def: BlockDef): void {
  draft.blocks![id] = castDraft(def);
}

/** Renames port `from` of `block` to `to`; the links to that port of every instance follow. */
export const renameBlockPort = defineCommand<{ readonly block: string; readonly side: PortSide; readonly from: string; readonly to: string }>(
  'renameBlockPort',
  (draft, args, base) => {
    const def = requireDef(base, args.block, 'rename port');
    const ports = args.side === 'input' ? def.inputs : def.outputs;
    if (!Object.hasOwn(ports, args.from)) throw badValue(`rename port: block "${args.block}" has no ${args.side} "${args.from}"`);
    checkNewName(ports, args.to, 'port', `rename ${args.side} of block "${args.block}"`);
    setDef(draft, args.block, args.side === 'input' ? { ...def, inputs: renamed(def.inputs, args.from, args.to) } : { ...def, outputs: renamed(def.outputs, args.from, args.to) });
    fixEdges(draft, args.block, args.side, args.from, args.to);
  },
);

/** Removes port `name` of `block` and every link to that port of its instances. */
export const removeBlockPort = defineCommand<{ readonly block: string; readonly side: PortSide; readonly name: string }>(
  'removeBlockPort',
  (draft, args, base) => {
    const def = requireDef(base, args.block, 'remove port');
    const ports: Readonly<Record<string, unknown>> = args.side === 'input' ? def.inputs : def.outputs;
    if (!Object.hasOwn(ports, args.name)) throw badValue(`remove port: block "${args.block}" has no ${args.side} "${args.name}"`);
    const without = <T>(r: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.entries(r).filter(([k]) => k !== args.name));
    setDef(draft, args.block, args.side === 'input' ? { ...def, inputs: without(def.inputs) } : { ...def, outputs: without(def.outputs) });
    fixEdges(draft, args.block, args.side, args.name, undefined);
  },
);

/** Renames exposed param `from` of `block` to `to`; every instance's value follows. */
export const renameBlockParam = defineCommand<{ readonly block: string; readonly from: string; readonly to: string }>(
  'renameBlockParam',
  (draft, args, base) => {
    const def = requireDef(base, args.block, 'rename param');
    if (!Object.hasOwn(def.params, args.from)) throw badValue(`rename param: block "${args.block}" has no exposed param "${args.from}"`);
    if (args.to === 'block' || args.to === 'repeat') throw badValue(`rename param: "${args.to}" is an instance's own param`);
    checkNewName(def.params, args.to, 'param', `rename param of block "${args.block}"`);
    setDef(draft, args.block, { ...def, params: renamed(def.params, args.from, args.to) });
    fixValues(draft, args.block, args.from, args.to);
  },
);

/** Removes exposed param `name` of `block` (its inner params keep their own values) and every instance's value. */
export const removeBlockParam = defineCommand<{ readonly block: string; readonly name: string }>(
  'removeBlockParam',
  (draft, args, base) => {
    const def = requireDef(base, args.block, 'remove param');
    if (!Object.hasOwn(def.params, args.name)) throw badValue(`remove param: block "${args.block}" has no exposed param "${args.name}"`);
    setDef(draft, args.block, { ...def, params: Object.fromEntries(Object.entries(def.params).filter(([k]) => k !== args.name)) });
    fixValues(draft, args.block, args.name, undefined);
  },
);
