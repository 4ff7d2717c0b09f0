/**
 * ADAPTER: the undo history the editor drives. The runtime's own history (runtime/graph, immer
 * patches + marks + squashing) is being written; until it lands this stand-in implements the
 * same documented intent so the editor works. Switching means re-implementing
 * {@link createDocHistory} on top of the runtime store; nothing else in editor/ changes.
 */
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import type { GraphDoc } from '../../runtime/graph/types.ts';

enablePatches();

/** A change to the document, written as an immer recipe. */
export type DocRecipe = (draft: Draft<GraphDoc>) => void;

/** Options of one recorded edit. */
export interface EditOptions {
  /**
   * Consecutive edits with the same key merge into one undo step while the squash is open
   * (a drag, typing into a field). {@link DocHistory.closeSquash} ends it.
   */
  readonly squashKey?: string;
}

/** The document with its undo/redo stacks. Framework-free. */
export interface DocHistory {
  getDoc(): GraphDoc;
  /** Applies and records an edit. Returns false when it changed nothing (nothing recorded). */
  edit(label: string, recipe: DocRecipe, options?: EditOptions): boolean;
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Ends the open squash so the next edit starts a new undo step. */
  closeSquash(): void;
  /** Replaces the document without recording (loading a file) and clears the stacks. */
  reset(doc: GraphDoc): void;
  /** Label of the step `undo` would revert, for tooltips. */
  undoLabel(): string | undefined;
  redoLabel(): string | undefined;
}

interface Step {
  readonly label: string;
  patches: Patch[];
  inverse: Patch[];
  readonly squashKey: string | undefined;
}

/** Creates a history over a starting document. */
export function createDocHistory(initial: GraphDoc, limit = 500): DocHistory {
  let doc = initial;
  let undoStack: Step[] = [];
  let redoStack: Step[] = [];
  let squashOpen = false;
  return {
    getDoc: () => doc,
    edit(label, recipe, options = {}) {
      const [next, patches, inverse] = produceWithPatches(doc, recipe);
      if (patches.length === 0) return false;
      doc = next;
      redoStack = [];
      const last = undoStack[undoStack.length - 1];
      if (squashOpen && last && options.squashKey !== undefined && last.squashKey === options.squashKey) {
        last.patches = [...last.patches, ...patches];
        last.inverse = [...inverse, ...last.inverse];
      } else {
        undoStack.push({ label, patches, inverse, squashKey: options.squashKey });
        if (undoStack.length > limit) undoStack = undoStack.slice(-limit);
      }
      squashOpen = options.squashKey !== undefined;
      return true;
    },
    undo() {
      const step = undoStack.pop();
      if (!step) return false;
      doc = applyPatches(doc, step.inverse);
      redoStack.push(step);
      squashOpen = false;
      return true;
    },
    redo() {
      const step = redoStack.pop();
      if (!step) return false;
      doc = applyPatches(doc, step.patches);
      undoStack.push(step);
      squashOpen = false;
      return true;
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
    closeSquash() {
      squashOpen = false;
    },
    reset(next) {
      doc = next;
      undoStack = [];
      redoStack = [];
      squashOpen = false;
    },
    undoLabel: () => undoStack[undoStack.length - 1]?.label,
    redoLabel: () => redoStack[redoStack.length - 1]?.label,
  };
}
