/**
 * Shared set-up of the run-panel e2e tests: a Vite dev server on a free port (the project's
 * vite.config.ts) and headless Chromium through playwright-core with the flags
 * docs/architecture.md lists (WebGPU on SwiftShader, WebGL2 on SwiftShader, a fresh profile).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { createServer, type ViteDevServer } from 'vite';
import type { RunSession } from '../../editor/run/runSession.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import { PREBUNDLED_DEPS } from '../../vite.config.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, useServerAndBrowser } from './harness.ts';

/** What the harness page exposes (see editor/run/harness.tsx). */
export interface HarnessWindow {
  __nwRunHarness?: {
    session?: RunSession;
    getDoc(): GraphDoc;
    setDoc(doc: GraphDoc): void;
    readonly graphData: Record<string, unknown>;
    /** Terminates the panel's engine worker behind its client's back. */
    killWorker(): void;
    /** Destroys the engine worker's WebGPU device (the harness's test-only worker entry). */
    loseDevice(): Promise<boolean>;
    /** Makes every kernel of a backend in the engine worker `ms` slower (the harness's test-only worker entry). */
    slowBackend(backend: string, ms: number): Promise<number>;
  };
}

/** Repository root (this file is test/e2e/runSupport.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');

const TFJS_DEPS = [...PREBUNDLED_DEPS, 'uplot', 'react', 'react-dom/client'];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => {
        ok(port);
      });
    });
  });
}

/** A running dev server. */
export interface DevServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts Vite on a free port. */
export async function startDevServer(): Promise<DevServer> {
  const port = await freePort();
  const server: ViteDevServer = await createServer({
    root: repoRoot,
    configFile: false,
    plugins: [react()],
    worker: { format: 'es' },
    logLevel: 'error',
    // A cache of its own: other dev servers on this checkout must not re-optimise under us.
    cacheDir: join(repoRoot, 'node_modules/.vite-e2e-run'),
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false },
    // Pre-bundle tfjs up front: the wasm backend's ESM imports a CommonJS worker file that only
    // works once converted, and deps found late (in the worker) would force a reload mid-test.
    optimizeDeps: { include: TFJS_DEPS, entries: ['editor/run/harness.html', 'test/browser/fixtures.html'] },
  });
  await server.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => server.close(),
  };
}

/** A browser with one page, on a fresh profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with WebGPU and WebGL on SwiftShader. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'nw-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message.slice(0, 300)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 300)}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the run-panel harness with a fresh runs database and waits for the panel. */
export async function openHarness(page: Page, baseUrl: string, query: Record<string, string> = {}): Promise<void> {
  const q = new URLSearchParams({ db: `nw-runs-${Date.now()}-${Math.random().toString(36).slice(2)}`, ...query });
  await page.goto(`${baseUrl}/editor/run/harness.html?${q.toString()}`);
  await page.getByTestId('run-panel').waitFor({ timeout: 120_000 });
}

/** The session state the page sees, reduced to plain data. */
export interface PanelState {
  readonly phase: string;
  readonly preference: string;
  readonly engine: string;
  readonly backend?: string;
  readonly backendReason?: string;
  readonly notice?: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly stepsPerSecond: number;
  readonly lastLoss?: number;
  readonly lastEval: Record<string, number>;
  readonly warmUpMs?: number;
  readonly fault?: { code: string; message: string; node?: string; step?: number };
  readonly runs: { id: string; graphHash: string; status: string; backend: string; seed: number; steps: number; stepsPerSecond: number; loss: number[] }[];
  readonly loadedGraphHash?: string;
  readonly calibrating: boolean;
  /** Auto's last calibration: the backend line, the choice and what each backend measured. */
  readonly calibration?: {
    readonly line: string;
    readonly chosen: string;
    readonly remembered: boolean;
    readonly fallback: boolean;
    readonly ms: number;
    readonly timings: readonly { name: string; stepsPerSecond?: number; steps: number; firstStepMs?: number; note?: string }[];
  };
}

/** Reads the panel's session state. */
export function panelState(page: Page): Promise<PanelState> {
  return page.evaluate(() => {
    const s = (window as unknown as HarnessWindow).__nwRunHarness?.session?.getState();
    if (!s) throw new Error('no session yet');
    return {
      phase: s.phase,
      preference: s.preference,
      engine: s.engine,
      backend: s.backend?.name,
      backendReason: s.backend?.reason,
      notice: s.notice,
      step: s.run?.step ?? 0,
      totalSteps: s.run?.totalSteps ?? 0,
      stepsPerSecond: s.run?.stepsPerSecond ?? 0,
      lastLoss: s.run?.lastLoss,
      lastEval: s.run?.lastEval ?? {},
      warmUpMs: s.run?.warmUpMs,
      fault: s.fault,
      runs: s.runs.map((r) => ({ id: r.id, graphHash: r.graphHash, status: r.status, backend: r.backend, seed: r.seed, steps: r.steps, stepsPerSecond: r.stepsPerSecond, loss: r.curves.loss?.y ?? [] })),
      loadedGraphHash: s.loadedGraphHash,
      calibrating: s.calibrating ?? false,
      calibration: s.calibration && {
        line: s.calibration.calibration.choice.reason,
        chosen: s.calibration.calibration.chosen,
        remembered: s.calibration.remembered,
        fallback: s.calibration.calibration.fallback,
        ms: s.calibration.calibration.ms,
        timings: s.calibration.calibration.timings,
      },
    };
  });
}

/** Polls the panel state until `predicate` holds. */
export async function waitForState(page: Page, predicate: (s: PanelState) => boolean, what: string, timeoutMs = 120_000): Promise<PanelState> {
  const until = Date.now() + timeoutMs;
  let last: PanelState | undefined;
  while (Date.now() < until) {
    try {
      last = await panelState(page);
      if (predicate(last)) return last;
    } catch {
      // The session is not there yet.
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)?.slice(0, 600)}`);
}

/** What the engine reports about its memory (`tf.memory()` in the worker). */
export interface EngineMemory {
  readonly numTensors: number;
  readonly numBytes: number;
  readonly numBytesInGPU?: number;
  readonly details?: Record<string, number>;
}

/** The engine's memory now. */
export async function engineMemory(page: Page): Promise<EngineMemory> {
  const m = await page.evaluate(() => (window as unknown as HarnessWindow).__nwRunHarness!.session!.memory());
  if (!m) throw new Error('engine not running');
  return m;
}

/**
 * The engine's memory once it has not changed for 1.5 s. When a run ends the panel asks the
 * worker for the decision-boundary grid; a read during that inference counts its feed and
 * output (2 tensors), which made a single read flaky.
 */
export async function settledEngineMemory(page: Page): Promise<EngineMemory> {
  let last = await engineMemory(page);
  let stable = 0;
  for (let i = 0; i < 40 && stable < 3; i++) {
    await page.waitForTimeout(500);
    const next = await engineMemory(page);
    stable = next.numTensors === last.numTensors && next.numBytes === last.numBytes ? stable + 1 : 0;
    last = next;
  }
  return last;
}

/** Chooses a backend in the panel and waits until the engine runs on it (or reports why not). */
export async function chooseBackend(page: Page, backend: string): Promise<PanelState> {
  await page.getByTestId('run-backend').selectOption(backend);
  return waitForState(page, (s) => s.preference === backend && (s.engine === 'ready' || s.engine === 'crashed'), `engine on ${backend}`);
}

/** Starts observing long main-thread tasks (PerformanceObserver 'longtask'). */
export async function startLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __nwLongTasks: { start: number; duration: number }[] };
    w.__nwLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__nwLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Long tasks seen since {@link startLongTaskObserver}. */
export function longTasks(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => (window as unknown as { __nwLongTasks?: { start: number; duration: number }[] }).__nwLongTasks ?? []);
}

/** The dev server and browser a run-panel e2e file shares; see {@link useRunHarness}. */
export interface RunHarness {
  readonly server: DevServer;
  readonly browser: TestBrowser;
}

/** Starts the dev server and browser before the file's tests and closes both after. Call once per file. */
export function useRunHarness(): RunHarness {
  const get = useServerAndBrowser(async () => {
    const server = await startDevServer();
    return { server, browser: await launchBrowser() };
  });
  return {
    get server() {
      return get().server;
    },
    get browser() {
      return get().browser;
    },
  };
}
