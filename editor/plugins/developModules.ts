/**
 * Develop mode's watch: while any installed module is in develop mode, each is rebuilt by the
 * dev server every `intervalMs` (esbuild on a plugin folder takes milliseconds) and reloaded
 * when its code changed, so a save reaches the palette, the open graph and the next run
 * without a page reload. Polling instead of Vite's HMR socket: it works with HMR off and never
 * reloads the page.
 */

/** A running watch. */
export interface DevelopPoller {
  stop(): void;
}

/** Default time between two rebuilds of each develop-mode module. */
export const DEVELOP_POLL_MS = 1000;

/**
 * Calls `reload(key)` for every key `keys()` lists, one after the other, then waits
 * `intervalMs` and starts again, until stopped; a hidden tab skips its turn.
 */
export function pollDevelopModules(keys: () => readonly string[], reload: (key: string) => Promise<void>, intervalMs = DEVELOP_POLL_MS): DevelopPoller {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async (): Promise<void> => {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (!hidden) for (const key of keys()) if (!stopped) await reload(key);
    if (!stopped) timer = setTimeout(() => void round(), intervalMs);
  };
  timer = setTimeout(() => void round(), intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
