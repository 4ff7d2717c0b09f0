/**
 * The graph document commands: every user edit goes through one of these pure functions.
 * They know nothing of plugins; shape and port checks happen in inference, so a document can
 * hold a half-built graph while the user works on it.
 */
import { castDraft } from 'immer';
import { NetwrightError } from '../sdk/errors.ts';
import type { ParamValue } from '../sdk/params.ts';
import { defineCommand, removeKey, requireEditable, requireNode, type DocDraft } from './command.ts';
import { checkName, checkNodeId, edgeId, freshNodeId } from './ids.ts';
import { findJsonProblem } from './json.ts';
import { reaches } from './topo.ts';
import type { GraphDoc, GraphEdge, GraphNode, JsonValue, PortRef, Position } from './types.ts';

/** Longest node label accepted. */
export const MAX_LABEL_LENGTH = 200;

function badValue(message: string, node?: string, param?: string): NetwrightError {
  return new NetwrightError('GRAPH_BAD_VALUE', message, { node, param });
}

function checkPosition(p: Position, node: string): Position {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
    throw badValue(`position of node "${node}" must have finite x and y`, node);
  }
  return { x: p.x, y: p.y };
}

function checkParamValue(node: string, param: string, value: ParamValue): ParamValue {
  const bad = checkName(param, 'param');
  if (bad) throw new NetwrightError('GRAPH_BAD_NAME', `node "${node}": ${bad}`, { node, param });
  const problem = findJsonProblem(value, `params.${param}`, 2);
  const okType = typeof value !== 'object' || Array.isArray(value);
  if (problem || !okType) {
    throw badValue(
      `param "${param}" of node "${node}": ${problem?.message ?? 'must be a number, bool, text or list'}`,
      node,
      param,
    );
  }
  return typeof value === 'object' ? value.slice() : value;
}

function checkJsonRecord(where: string, value: Readonly<Record<string, JsonValue>>, node?: string): void {
  const problem = findJsonProblem(value, where);
  if (problem) throw badValue(problem.message, node);
}

/** Arguments of {@link addNode}. */
export interface AddNodeArgs {
  /** Node id; a fresh one (`dense3`) when absent. Use `freshNodeId` to know it in advance. */
  readonly id?: string;
  /** Plugin id. */
  readonly type: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly position: Position;
  readonly label?: string;
  readonly data?: Readonly<Record<string, JsonValue>>;
}

/** Adds one node. Throws `GRAPH_DUPLICATE_NODE_ID` or `GRAPH_BAD_NAME` for unusable ids. */
export const addNode = defineCommand<AddNodeArgs>('addNode', (draft, args, base) => {
  const id = args.id ?? freshNodeId(base, args.type);
  const bad = checkNodeId(id);
  if (bad) throw new NetwrightError('GRAPH_BAD_NAME', bad, { node: id });
  if (Object.hasOwn(draft.nodes, id)) {
    throw new NetwrightError('GRAPH_DUPLICATE_NODE_ID', `a node with id "${id}" already exists`, {
      node: id,
    });
  }
  if (typeof args.type !== 'string' || args.type.length === 0) {
    throw badValue(`node "${id}" needs a plugin type`, id);
  }
  const params: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(args.params ?? {})) params[k] = checkParamValue(id, k, v);
  const node: GraphNode = { id, type: args.type, params, position: checkPosition(args.position, id) };
  if (args.label !== undefined && args.label !== '')
    Object.assign(node, { label: checkLabel(id, args.label) });
  if (args.data !== undefined) {
    checkJsonRecord(`nodes.${id}.data`, args.data, id);
    Object.assign(node, { data: args.data });
  }
  draft.nodes[id] = castDraft(node);
});

/** Removes nodes, the edges that touch them, and their placeholder records. */
export const removeNodes = defineCommand<{ readonly nodes: readonly string[] }>(
  'removeNodes',
  (draft, args, base) => {
    const gone = new Set(args.nodes);
    for (const id of gone) requireNode(base.nodes, id, 'removeNodes');
    for (const [eid, e] of Object.entries(base.edges)) {
      if (gone.has(e.from.node) || gone.has(e.to.node)) removeKey(draft.edges, eid);
    }
    for (const id of gone) {
      removeKey(draft.nodes, id);
      removeKey(draft.placeholders, id);
    }
  },
);

function checkPortRef(ref: PortRef, doc: GraphDoc, side: 'from' | 'to'): void {
  requireNode(doc.nodes, ref.node, `connect (${side})`);
  const bad = checkName(ref.port, 'port');
  if (bad) throw new NetwrightError('GRAPH_BAD_NAME', `node "${ref.node}": ${bad}`, ref);
}

/**
 * Connects an output port to an input port. An input takes at most one edge: an edge already
 * there is replaced. Throws `GRAPH_CYCLE` when the link would close a loop.
 */
export const connect = defineCommand<{ readonly from: PortRef; readonly to: PortRef }>(
  'connect',
  (draft, args, base) => {
    checkPortRef(args.from, base, 'from');
    checkPortRef(args.to, base, 'to');
    const id = edgeId(args.from, args.to);
    if (Object.hasOwn(base.edges, id)) return;
    if (args.from.node === args.to.node || reaches(base, args.to.node, args.from.node)) {
      throw new NetwrightError(
        'GRAPH_CYCLE',
        `connecting "${args.from.node}.${args.from.port}" to "${args.to.node}.${args.to.port}" would make a cycle`,
        { node: args.to.node, port: args.to.port },
      );
    }
    for (const [eid, e] of Object.entries(base.edges)) {
      if (e.to.node === args.to.node && e.to.port === args.to.port) removeKey(draft.edges, eid);
    }
    const edge: GraphEdge = { id, from: { ...args.from }, to: { ...args.to } };
    draft.edges[id] = edge;
  },
);

/** Arguments of {@link disconnect}: an edge id, or the input port whose edge goes. */
export type DisconnectArgs = { readonly edge: string } | { readonly to: PortRef };

/** Removes one edge. Throws `GRAPH_EDGE_NOT_FOUND` naming the edge or input port. */
export const disconnect = defineCommand<DisconnectArgs>('disconnect', (draft, args, base) => {
  if ('edge' in args) {
    if (!Object.hasOwn(draft.edges, args.edge)) {
      throw new NetwrightError('GRAPH_EDGE_NOT_FOUND', `there is no edge "${args.edge}"`, {});
    }
    removeKey(draft.edges, args.edge);
    return;
  }
  const found = Object.entries(base.edges).find(
    ([, e]) => e.to.node === args.to.node && e.to.port === args.to.port,
  );
  if (!found) {
    throw new NetwrightError(
      'GRAPH_EDGE_NOT_FOUND',
      `input "${args.to.port}" of node "${args.to.node}" is not connected`,
      args.to,
    );
  }
  removeKey(draft.edges, found[0]);
});

/** Arguments of {@link setParams}: `undefined` removes a param (back to its default). */
export interface SetParamsArgs {
  readonly node: string;
  readonly params: Readonly<Record<string, ParamValue | undefined>>;
}

function writeParams(draft: DocDraft, args: SetParamsArgs): void {
  const node = requireNode(draft.nodes, args.node, 'setParams');
  requireEditable(draft, args.node, 'params');
  for (const [k, v] of Object.entries(args.params)) {
    if (v === undefined) removeKey(node.params, k);
    else node.params[k] = checkParamValue(args.node, k, v) as never;
  }
}

/** Sets several params of one node at once (values are not checked against the spec here). */
export const setParams = defineCommand<SetParamsArgs>('setParams', writeParams);

/** Sets (or with `value: undefined`, removes) one param of one node. */
export const setParam = defineCommand<{
  readonly node: string;
  readonly param: string;
  readonly value: ParamValue | undefined;
}>('setParam', (draft, args) => {
  writeParams(draft, { node: args.node, params: { [args.param]: args.value } });
});

/** Moves nodes: new positions by node id. */
export const move = defineCommand<{ readonly positions: Readonly<Record<string, Position>> }>(
  'move',
  (draft, args) => {
    for (const [id, p] of Object.entries(args.positions)) {
      const node = requireNode(draft.nodes, id, 'move');
      const next = checkPosition(p, id);
      if (node.position.x !== next.x || node.position.y !== next.y) node.position = next;
    }
  },
);

function checkLabel(node: string, label: string): string {
  if (label.length > MAX_LABEL_LENGTH)
    throw badValue(`label of node "${node}" is longer than ${MAX_LABEL_LENGTH} characters`, node);
  return label;
}

/** Sets a node's label; an empty or absent label removes it. */
export const rename = defineCommand<{ readonly node: string; readonly label?: string }>(
  'rename',
  (draft, args) => {
    const node = requireNode(draft.nodes, args.node, 'rename');
    if (args.label === undefined || args.label === '') delete node.label;
    else node.label = checkLabel(args.node, args.label);
  },
);

/** Replaces a node's plugin data (`undefined` removes it). Worker results use this unrecorded. */
export const setData = defineCommand<{
  readonly node: string;
  readonly data: Readonly<Record<string, JsonValue>> | undefined;
}>('setData', (draft, args) => {
  const node = requireNode(draft.nodes, args.node, 'setData');
  requireEditable(draft, args.node, 'data');
  if (args.data === undefined) {
    delete node.data;
    return;
  }
  checkJsonRecord(`nodes.${args.node}.data`, args.data, args.node);
  node.data = args.data;
});

/** Merges entries into the document meta; `undefined` removes an entry. */
export const setMeta = defineCommand<{ readonly meta: Readonly<Record<string, JsonValue | undefined>> }>(
  'setMeta',
  (draft, args) => {
    for (const [k, v] of Object.entries(args.meta)) {
      if (v === undefined) {
        removeKey(draft.meta, k);
        continue;
      }
      const problem = findJsonProblem({ [k]: v }, 'meta');
      if (problem) throw badValue(problem.message);
      (draft.meta as Record<string, JsonValue>)[k] = v;
    }
  },
);
