/**
 * Session UI state that is not part of the document: open dialogs, the quick-add popup,
 * theme. Framework-free, same subscribe/getState contract as the document store.
 */
import type { Position } from '../../runtime/graph/types.ts';

/** Colour theme. */
export type Theme = 'dark' | 'light';

/** The quick-add popup opened by dropping a link on empty canvas. */
export interface QuickAddState {
  /** Screen position of the popup. */
  readonly screen: Position;
  /** Flow position where the new node goes. */
  readonly flow: Position;
  /** The port the link was dragged from, and which side it is. */
  readonly from?: { readonly node: string; readonly port: string; readonly side: 'output' | 'input' };
}

/** UI state. */
export interface UiState {
  readonly theme: Theme;
  readonly helpOpen: boolean;
  readonly libraryOpen: boolean;
  /** The plugin manager (install, list, remove third-party plugin modules). */
  readonly pluginsOpen: boolean;
  readonly summaryOpen: boolean;
  /** The run dock under the canvas is expanded. */
  readonly runOpen: boolean;
  readonly quickAdd: QuickAddState | undefined;
  /** Bumped to ask the palette search box to take focus. */
  readonly focusSearch: number;
  /** Bumped to ask the run controls to start a run (the dock's Run before it is mounted, Ctrl+Enter). */
  readonly runRequest: number;
}

/** A minimal observable store. */
export interface UiStore {
  getState(): UiState;
  subscribe(listener: () => void): () => void;
  update(patch: Partial<UiState>): void;
}

/** Creates the UI store. */
export function createUiStore(initial: Partial<UiState> = {}): UiStore {
  let state: UiState = { theme: 'dark', helpOpen: false, libraryOpen: false, pluginsOpen: false, summaryOpen: true, runOpen: false, quickAdd: undefined, focusSearch: 0, runRequest: 0, ...initial };
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(patch) {
      state = { ...state, ...patch };
      for (const l of [...listeners]) l();
    },
  };
}
