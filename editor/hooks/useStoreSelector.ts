/**
 * Subscribes a component to one slice of a store. The component re-renders only when the slice
 * changes (by `isEqual`), which is what lets 1,000 nodes each watch only their own data.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { EditorState } from '../model/editorStore.ts';
import type { UiState } from '../model/uiStore.ts';
import { useServices } from './EditorContext.ts';

interface Observable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/** A slice of any observable store. */
export function useStoreSelector<S, T>(store: Observable<S>, selector: (s: S) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  // The cache is keyed on the selector too: a component that now watches another node must
  // not get the old node's slice back for the same store state.
  const cache = useRef<{ state: S; selector: (s: S) => T; value: T } | undefined>(undefined);
  const getSnapshot = useCallback(() => {
    const state = store.getState();
    const c = cache.current;
    if (c?.state === state && c.selector === selector) return c.value;
    const value = selector(state);
    if (c && isEqual(c.value, value)) {
      cache.current = { state, selector, value: c.value };
      return c.value;
    }
    cache.current = { state, selector, value };
    return value;
  }, [store, selector, isEqual]);
  const subscribe = useCallback((l: () => void) => store.subscribe(l), [store]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** A slice of the document store. Pass a stable (module-level or memoised) selector. */
export function useEditorState<T>(selector: (s: EditorState) => T, isEqual?: (a: T, b: T) => boolean): T {
  return useStoreSelector(useServices().store, selector, isEqual);
}

/** A slice of the UI store. */
export function useUiState<T>(selector: (s: UiState) => T): T {
  return useStoreSelector(useServices().ui, selector);
}

/** Shallow equality of two arrays. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
