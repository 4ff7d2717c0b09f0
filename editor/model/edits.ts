/**
 * The editing actions the editor needs, each a {@link DocEdit}: one or more of the runtime's
 * graph commands (runtime/graph/commands.ts, paste.ts) that the store records as one undo step.
 */
import type { GraphCommand } from '../../runtime/graph/command.ts';
import * as commands from '../../runtime/graph/commands.ts';
import { paste, type GraphClip } from '../../runtime/graph/paste.ts';
import type { GraphNode, JsonValue, PortRef, Position } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/index.ts';

/** Runs one runtime command as part of an edit. */
export type ApplyCommand = <A>(command: GraphCommand<A>, args: A) => void;

/**
 * A user edit: one or more runtime commands, recorded as one undo step (a delete removes nodes
 * and disconnects edges, say).
 */
export type DocEdit = (apply: ApplyCommand) => void;

/** Options of one recorded edit. */
export interface EditOptions {
  /**
   * Consecutive edits with the same key merge into one undo step until the store's
   * `closeSquash` (a drag, typing into a field).
   */
  readonly squashKey?: string;
  /**
   * `false` applies a machine change (a run's saved plugin data, say): the document changes
   * but no undo step is recorded. Default true.
   */
  readonly record?: boolean;
}

export { copyNodes, pasteIdMap, type GraphClip } from '../../runtime/graph/paste.ts';
export { edgeId, freshNodeId } from '../../runtime/graph/ids.ts';
export { connect as connectCommand } from '../../runtime/graph/commands.ts';

/** Adds a node. */
export function addNode(node: GraphNode): DocEdit {
  return (apply) => {
    apply(commands.addNode, node);
  };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): DocEdit {
  return (apply) => {
    const gone = new Set(nodeIds);
    if (nodeIds.length > 0) apply(commands.removeNodes, { nodes: nodeIds });
    for (const id of edgeIds) {
      const [from] = id.split('->');
      // Edges of removed nodes are gone already.
      if (!gone.has(from?.split('.')[0] ?? '')) apply(commands.disconnect, { edge: id });
    }
  };
}

/** Moves nodes to new positions. */
export function moveNodes(positions: Readonly<Record<string, Position>>): DocEdit {
  return (apply) => {
    apply(commands.move, { positions });
  };
}

/** Sets one param; `undefined` removes it so the default applies. */
export function setParam(node: string, param: string, value: ParamValue | undefined): DocEdit {
  return (apply) => {
    apply(commands.setParam, { node, param, value });
  };
}

/** Replaces a node's plugin data (a run's refined schedule, say). */
export function setData(node: string, data: Readonly<Record<string, JsonValue>> | undefined): DocEdit {
  return (apply) => {
    apply(commands.setData, { node, data });
  };
}

/** Sets or clears a node's label. */
export function setLabel(node: string, label: string | undefined): DocEdit {
  return (apply) => {
    apply(commands.rename, label === undefined ? { node } : { node, label });
  };
}

/** Connects two ports; an existing link into the input is replaced. */
export function connect(from: PortRef, to: PortRef): DocEdit {
  return (apply) => {
    apply(commands.connect, { from, to });
  };
}

/** Pastes a clip with fresh ids, shifted by `offset`. */
export function pasteClip(clip: GraphClip, offset: Position): DocEdit {
  return (apply) => {
    apply(paste, { clip, offset });
  };
}

/** Sets a document metadata field (title, description); `undefined` removes it. */
export function setMeta(key: string, value: JsonValue | undefined): DocEdit {
  return (apply) => {
    apply(commands.setMeta, { meta: { [key]: value } });
  };
}
