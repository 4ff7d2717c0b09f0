/**
 * Render counters for measuring the panel (bench/runLongTasks.bench.ts, the wasm e2e test):
 * a component calls {@link useRenderCount} and, when the page defined
 * `window.__nwRunPanelRenders` (an object), each commit of that component bumps
 * `__nwRunPanelRenders[name]`. Pages that do not define it pay one property read per commit.
 */
import { useEffect } from 'react';

/** The counters a page may define, by component name. */
export type RenderCounts = Record<string, number>;

declare global {
  interface Window {
    __nwRunPanelRenders?: RenderCounts;
  }
}

/** Bumps the counter `name` (for work done outside React, such as a chart redraw). */
export function countRender(name: string): void {
  const counts = typeof window === 'undefined' ? undefined : window.__nwRunPanelRenders;
  if (counts) counts[name] = (counts[name] ?? 0) + 1;
}

/** Counts this component's commits under `name` (see the file comment). */
export function useRenderCount(name: string): void {
  useEffect(() => {
    countRender(name);
  });
}
