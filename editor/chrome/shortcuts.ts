/**
 * The keyboard map, as data: the help overlay lists it and the key handler matches it, so the
 * two never disagree.
 */

/** Editor commands a key can trigger. */
export type ShortcutAction = 'undo' | 'redo' | 'copy' | 'paste' | 'cut' | 'duplicate' | 'delete' | 'save' | 'search' | 'fit' | 'help' | 'selectAll' | 'layout' | 'escape' | 'run' | 'group' | 'ungroup' | 'openBlock';

/** One shortcut: keys as shown, and the action. */
export interface Shortcut {
  readonly keys: string;
  readonly action: ShortcutAction;
  readonly description: string;
}

/** Every shortcut, in help order. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl/Cmd+Z', action: 'undo', description: 'Undo' },
  { keys: 'Shift+Ctrl/Cmd+Z, Ctrl+Y', action: 'redo', description: 'Redo' },
  { keys: 'Ctrl/Cmd+C', action: 'copy', description: 'Copy selection (as graph JSON, works across tabs)' },
  { keys: 'Ctrl/Cmd+X', action: 'cut', description: 'Cut selection' },
  { keys: 'Ctrl/Cmd+V', action: 'paste', description: 'Paste at the cursor' },
  { keys: 'Ctrl/Cmd+D', action: 'duplicate', description: 'Duplicate selection' },
  { keys: 'Ctrl/Cmd+A', action: 'selectAll', description: 'Select all nodes' },
  { keys: 'Ctrl/Cmd+G', action: 'group', description: 'Group the selection into a block' },
  { keys: 'Shift+Ctrl/Cmd+G', action: 'ungroup', description: 'Ungroup the selected block instance' },
  { keys: 'Enter, double-click', action: 'openBlock', description: 'Open the selected block instance\'s definition' },
  { keys: 'Delete, Backspace', action: 'delete', description: 'Delete selection' },
  { keys: 'Ctrl/Cmd+S', action: 'save', description: 'Save graph file' },
  { keys: 'Ctrl/Cmd+Enter', action: 'run', description: 'Run: train the graph (opens the run dock)' },
  { keys: 'Ctrl/Cmd+K, /', action: 'search', description: 'Search nodes' },
  { keys: 'F', action: 'fit', description: 'Fit view' },
  { keys: 'L', action: 'layout', description: 'Auto-layout (left to right)' },
  { keys: '?', action: 'help', description: 'Show this help' },
  { keys: 'Esc', action: 'escape', description: 'Close dialogs, clear selection, then leave an open block definition' },
];

/** The parts of a KeyboardEvent that matter here. */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * The action for a key press. `inField` is true while typing in an input, where only the
 * modifier shortcuts that make sense there (save, search) apply.
 */
export function actionFor(e: KeyLike, inField: boolean): ShortcutAction | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (k === 's') return 'save';
    if (k === 'k') return 'search';
    if (k === 'enter') return 'run';
    if (inField) return undefined;
    if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (k === 'y') return 'redo';
    if (k === 'c') return 'copy';
    if (k === 'x') return 'cut';
    if (k === 'v') return 'paste';
    if (k === 'd') return 'duplicate';
    if (k === 'a') return 'selectAll';
    if (k === 'g') return e.shiftKey ? 'ungroup' : 'group';
    return undefined;
  }
  if (e.key === 'Escape') return 'escape';
  if (inField || e.altKey) return undefined;
  if (e.key === 'Delete' || e.key === 'Backspace') return 'delete';
  if (e.key === '/') return 'search';
  if (e.key === 'Enter' && !e.shiftKey) return 'openBlock';
  if (e.key === '?') return 'help';
  if (k === 'f' && !e.shiftKey) return 'fit';
  if (k === 'l' && !e.shiftKey) return 'layout';
  return undefined;
}
