/**
 * ADAPTER: the undo history the editor drives, over runtime/graph's history (immer patches,
 * squash keys, marks). An editor edit may run several runtime commands (delete = remove nodes +
 * disconnect edges); they become one undo step by sharing a squash key.
 */
import type { GraphCommand } from '../../runtime/graph/command.ts';
import { createHistory, type GraphHistory } from '../../runtime/graph/history.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';

/** Runs one runtime command as part of an edit. */
export type ApplyCommand = <A>(command: GraphCommand<A>, args: A) => void;

/** A user edit: one or more runtime commands, recorded as one undo step. */
export type DocEdit = (apply: ApplyCommand) => void;

/** Options of one recorded edit. */
export interface EditOptions {
  /**
   * Consecutive edits with the same key merge into one undo step until
   * {@link DocHistory.closeSquash} (a drag, typing into a field).
   */
  readonly squashKey?: string;
  /**
   * `false` applies a machine change (a run's saved plugin data, say): the document changes
   * but no undo step is recorded. Default true.
   */
  readonly record?: boolean;
}

/** The document with its undo/redo stacks. Framework-free. */
export interface DocHistory {
  getDoc(): GraphDoc;
  /** Applies and records an edit; returns false when it changed nothing. Throws like the commands. */
  edit(edit: DocEdit, options?: EditOptions): boolean;
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Ends the open squash so the next edit starts a new undo step. */
  closeSquash(): void;
  /** Replaces the document without recording (loading a file) and clears the stacks. */
  reset(doc: GraphDoc): void;
}

/** Creates a history over a starting document. */
export function createDocHistory(initial: GraphDoc): DocHistory {
  const history: GraphHistory = createHistory(initial);
  let seq = 0;
  return {
    getDoc: () => history.getState().doc,
    edit(edit, options = {}) {
      const before = history.getState().revision;
      const key = options.squashKey ?? `edit#${++seq}`;
      try {
        edit((command, args) => {
          history.apply(command, args, options.record === false ? { record: false } : { squashKey: key });
        });
      } finally {
        if (options.squashKey === undefined && options.record !== false) history.mark();
      }
      return history.getState().revision !== before;
    },
    undo: () => history.undo(),
    redo: () => history.redo(),
    canUndo: () => history.getState().canUndo,
    canRedo: () => history.getState().canRedo,
    closeSquash: () => { history.mark(); },
    reset: (doc) => { history.reset(doc); },
  };
}
