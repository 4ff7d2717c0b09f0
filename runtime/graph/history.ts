/**
 * Undo history: a stack of immer patch pairs, framework-free. The editor's store
 * (editor/model/editorStore.ts) owns one and publishes its document to React.
 *
 * Only user edits are recorded. Machine changes (file load, migrations, inferred values, worker
 * results) are applied with `record: false`; they change the document but never become undo
 * steps, so undo never reverts something the user did not do.
 */
import { applyPatches, type Patch } from 'immer';
import type { GraphCommand } from './command.ts';
import type { GraphDoc } from './types.ts';

/** A snapshot of the history store. A new object after every change, the same one otherwise. */
export interface HistoryState {
  readonly doc: GraphDoc;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Counts changes; lets a view tell two states apart cheaply. */
  readonly revision: number;
}

/** How {@link GraphHistory.apply} records a command. */
export interface ApplyOptions {
  /** Whether the change becomes an undo step. Default true; false for machine changes. */
  readonly record?: boolean;
  /**
   * Consecutive recorded commands with the same key squash into one undo entry (a drag, typing
   * in a field). {@link GraphHistory.mark} ends the run.
   */
  readonly squashKey?: string;
}

/** The history store. */
export interface GraphHistory {
  getState(): HistoryState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Runs a command on the current document; throws (changing nothing) when the command does. */
  apply<A>(command: GraphCommand<A>, args: A, options?: ApplyOptions): GraphDoc;
  /** Starts a new undo entry: the next command never squashes into the previous one. */
  mark(): void;
  /** Reverts the last entry; false when there is none. */
  undo(): boolean;
  /** Re-applies the last undone entry; false when there is none. */
  redo(): boolean;
  /** Replaces the document (a file was loaded) and forgets all undo and redo entries. */
  reset(doc: GraphDoc): void;
}

interface Entry {
  patches: Patch[];
  inverse: Patch[];
  squashKey: string | undefined;
  /** Whether later commands with the same squash key may still join this entry. */
  open: boolean;
}

/** Longest undo stack kept; older entries are dropped. */
export const MAX_UNDO_ENTRIES = 500;

/** Creates a history store around a document. */
export function createHistory(initial: GraphDoc): GraphHistory {
  const undoStack: Entry[] = [];
  const redoStack: Entry[] = [];
  const listeners = new Set<() => void>();
  let state: HistoryState = { doc: initial, canUndo: false, canRedo: false, revision: 0 };

  const publish = (doc: GraphDoc): void => {
    state = {
      doc,
      canUndo: undoStack.length > 0,
      canRedo: redoStack.length > 0,
      revision: state.revision + 1,
    };
    for (const l of [...listeners]) l();
  };

  const step = (from: Entry[], to: Entry[], forward: boolean): boolean => {
    const entry = from.pop();
    if (!entry) return false;
    const patches = forward ? entry.patches : entry.inverse;
    let doc: GraphDoc;
    try {
      doc = applyPatches(state.doc, patches);
    } catch {
      // A machine change removed what the entry refers to: the stacks no longer describe the
      // document, so drop them rather than corrupt it.
      undoStack.length = 0;
      redoStack.length = 0;
      publish(state.doc);
      return false;
    }
    entry.open = false;
    to.push(entry);
    publish(doc);
    return true;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(command, args, options = {}) {
      const { doc, patches, inverse } = command.withPatches(state.doc, args);
      if (patches.length === 0) return state.doc;
      if (options.record ?? true) {
        const top = undoStack.at(-1);
        if (top?.open && options.squashKey !== undefined && top.squashKey === options.squashKey) {
          top.patches = [...top.patches, ...patches];
          top.inverse = [...inverse, ...top.inverse];
        } else {
          if (top) top.open = false;
          undoStack.push({
            patches: [...patches],
            inverse: [...inverse],
            squashKey: options.squashKey,
            open: true,
          });
          if (undoStack.length > MAX_UNDO_ENTRIES) undoStack.shift();
        }
        redoStack.length = 0;
      }
      publish(doc);
      return doc;
    },
    mark() {
      const top = undoStack.at(-1);
      if (top) top.open = false;
    },
    undo: () => step(undoStack, redoStack, false),
    redo: () => step(redoStack, undoStack, true),
    reset(doc) {
      undoStack.length = 0;
      redoStack.length = 0;
      publish(doc);
    },
  };
}
