/**
 * The command kit: how graph commands are declared. A command is a pure function
 * `(doc, args) => doc` that also reports the immer patches of its change, so the history can
 * undo it without whole-document snapshots.
 */
import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { NetwrightError } from '../sdk/errors.ts';
import type { GraphDoc, GraphNode } from './types.ts';

// Patches are how undo works; enabling them is idempotent and has no other effect.
enablePatches();

/** The outcome of one command: the new document and the patches that lead there and back. */
export interface CommandResult {
  readonly doc: GraphDoc;
  readonly patches: readonly Patch[];
  readonly inverse: readonly Patch[];
}

/**
 * A graph command. Call it as a function for the new document, or use `withPatches` for the
 * patches too. Throws a {@link NetwrightError} (code `GRAPH_*`) naming the node or port when
 * the arguments do not fit the document; the input document is never changed.
 */
export interface GraphCommand<A> {
  (doc: GraphDoc, args: A): GraphDoc;
  /** Stable name, for logs and tests. */
  readonly commandName: string;
  withPatches(doc: GraphDoc, args: A): CommandResult;
}

/** Mutable view of the document handed to command recipes. */
export type DocDraft = Draft<GraphDoc>;

/**
 * Declares a command from an immer recipe. The recipe validates first and throws
 * {@link NetwrightError}s; immer discards the draft when it throws. Recipes read and scan the
 * `base` document and write to the draft: touching every edge through the draft would make a
 * proxy per edge and turn each edit of a large graph into a slow one.
 */
export function defineCommand<A>(
  name: string,
  recipe: (draft: DocDraft, args: A, base: GraphDoc) => void,
): GraphCommand<A> {
  const withPatches = (doc: GraphDoc, args: A): CommandResult => {
    const [next, patches, inverse] = produceWithPatches(doc, (draft) => {
      recipe(draft, args, doc);
    });
    return { doc: next, patches, inverse };
  };
  const run = (doc: GraphDoc, args: A): GraphDoc => withPatches(doc, args).doc;
  return Object.assign(run, { commandName: name, withPatches });
}

/** Throws `GRAPH_NODE_NOT_FOUND` unless the node exists; returns it. */
export function requireNode<N extends GraphNode | Draft<GraphNode>>(
  nodes: Readonly<Record<string, N>>,
  id: string,
  context: string,
): N {
  if (!Object.hasOwn(nodes, id)) {
    throw new NetwrightError('GRAPH_NODE_NOT_FOUND', `${context}: there is no node "${id}"`, { node: id });
  }
  return nodes[id]!;
}

/** Throws `GRAPH_PLACEHOLDER_READONLY` when the node stands in for a missing plugin. */
export function requireEditable(draft: DocDraft, id: string, what: string): void {
  if (Object.hasOwn(draft.placeholders, id)) {
    const type = draft.nodes[id]?.type ?? '?';
    throw new NetwrightError(
      'GRAPH_PLACEHOLDER_READONLY',
      `cannot change the ${what} of node "${id}": plugin "${type}" is not installed, so the node is kept exactly as it was saved`,
      { node: id },
    );
  }
}

/** Deletes a key from a record (or draft record); the records of a document are keyed by id. */
export function removeKey(record: object, key: string): void {
  Reflect.deleteProperty(record, key);
}
