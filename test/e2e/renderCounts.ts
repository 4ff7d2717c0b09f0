/**
 * How often the run panel's parts commit and its charts draw, counted from outside the app for
 * the wasm e2e test and bench/runLongTasks.bench.ts; nothing in the panel counts anything.
 * An init script (installed before the page loads, on any page: the run harness, the editor,
 * a production build) counts:
 * - component commits: it stands in for React DevTools' global hook
 *   (`__REACT_DEVTOOLS_GLOBAL_HOOK__`, the interface DevTools and react-refresh use) and, at
 *   each commit, walks the fibers React rendered, counting the components of
 *   {@link COUNTED_COMPONENTS} by function name. A fiber rendered if it is new or did work
 *   (React's PerformedWork flag); a subtree whose children are the previous commit's was not
 *   touched and is skipped. These are React internals: {@link renderCounts} callers assert
 *   that the live numbers were counted, so a React that changes them fails loudly;
 * - chart draws and boundary paints: a MutationObserver counts writes of the attribute each
 *   draw sets (`data-points` on a live chart, `data-painted` on the decision boundary).
 */
import type { Page } from 'playwright-core';

/** Counter name by component function name. */
export const COUNTED_COMPONENTS: Readonly<Record<string, string>> = {
  RunPanelBody: 'body',
  RunProgress: 'progress',
  RunCharts: 'charts',
  RunDiagnosticsTable: 'diagnostics',
};

/** Counter name by the attribute each draw writes. */
const COUNTED_ATTRIBUTES: Readonly<Record<string, string>> = {
  'data-points': 'chartDraws',
  'data-painted': 'boundaryPaints',
};

/** Counts by name: the components' commits and the draws. */
export type RenderCounts = Record<string, number>;

interface Fiber {
  readonly type: unknown;
  readonly flags: number;
  readonly alternate: Fiber | null;
  readonly child: Fiber | null;
  readonly sibling: Fiber | null;
}

interface DevToolsHook {
  onCommitFiberRoot?: (id: number, root: { current: Fiber }, ...rest: unknown[]) => unknown;
  [key: string]: unknown;
}

declare global {
  interface Window {
    __REACT_DEVTOOLS_GLOBAL_HOOK__?: DevToolsHook;
    __nwRenderCounts?: RenderCounts;
  }
}

/** Runs in the page before its scripts (see the file comment); keep it self-contained. */
function counterScript({ components, attributes }: { components: Record<string, string>; attributes: Record<string, string> }): void {
  const counts: RenderCounts = {};
  window.__nwRenderCounts = counts;
  const bump = (name: string): void => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  /** ReactFiberFlags.PerformedWork: set on a fiber whose component function ran and did not bail out. */
  const PERFORMED_WORK = 1;
  const nameOf = (fiber: Fiber): string | undefined => {
    const t = fiber.type as { name?: unknown; type?: { name?: unknown } } | null;
    if (typeof t === 'function') return (t as { name: string }).name;
    const inner = t && typeof t === 'object' ? t.type : undefined; // memo(Component)
    return typeof inner === 'function' ? (inner as { name: string }).name : undefined;
  };
  const walk = (root: Fiber): void => {
    const stack: Fiber[] = [root];
    while (stack.length > 0) {
      const fiber = stack.pop()!;
      const previous = fiber.alternate;
      const name = nameOf(fiber);
      const counter = name === undefined ? undefined : components[name];
      if (counter !== undefined && (previous === null || (fiber.flags & PERFORMED_WORK) !== 0)) bump(counter);
      if (previous !== null && fiber.child === previous.child) continue;
      for (let c = fiber.child; c; c = c.sibling) stack.push(c);
    }
  };
  const hook: DevToolsHook = window.__REACT_DEVTOOLS_GLOBAL_HOOK__ ?? {
    renderers: new Map<number, unknown>(),
    supportsFiber: true,
    inject(this: { renderers: Map<number, unknown> }, renderer: unknown): number {
      const id = this.renderers.size + 1;
      this.renderers.set(id, renderer);
      return id;
    },
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    setStrictMode: () => undefined,
    checkDCE: () => undefined,
  };
  const next = hook.onCommitFiberRoot;
  hook.onCommitFiberRoot = function (this: unknown, id, root, ...rest) {
    try {
      walk(root.current);
    } catch {
      // Counting must never break the page.
    }
    return next?.call(this, id, root, ...rest);
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;
  new MutationObserver((records) => {
    for (const r of records) {
      const counter = r.attributeName === null ? undefined : attributes[r.attributeName];
      if (counter !== undefined) bump(counter);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: Object.keys(attributes) });
}

/** Installs the counters on every document `page` loads from now on (call before it navigates). */
export async function installRenderCounter(page: Page): Promise<void> {
  const options = JSON.stringify({ components: COUNTED_COMPONENTS, attributes: COUNTED_ATTRIBUTES });
  // As source text, with a no-op `__name`: tsx (the bench) compiles with esbuild's keepNames,
  // which wraps the script's inner functions in calls to a helper the page does not have.
  await page.addInitScript({ content: `(() => { const __name = (f) => f; (${counterScript.toString()})(${options}); })();` });
}

/** The counts so far (an empty object on a page loaded before {@link installRenderCounter}). */
export function renderCounts(page: Page): Promise<RenderCounts> {
  return page.evaluate(() => ({ ...window.__nwRenderCounts }));
}

/** Sets every count back to zero (before the part of a test that is measured). */
export async function resetRenderCounts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const counts = window.__nwRenderCounts ?? {};
    for (const k of Object.keys(counts)) counts[k] = 0;
  });
}
