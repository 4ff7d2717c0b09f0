/**
 * E2E harness: a Vite dev server on a free port and headless Chromium (the system build) with
 * the flags docs/architecture.md lists. Each test gets a fresh browser context, so IndexedDB starts empty.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Chromium flags needed as root in CI, plus software WebGPU/WebGL for later worker tests. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

/** Path of the Chromium binary (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts the editor's dev server on a free port. */
export async function startEditorServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}/vite.config.ts`,
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false },
    logLevel: 'error',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite did not report a local URL');
  return { server, url };
}

/** Loads the app once so Vite has transformed and optimised everything before the tests time anything. */
export async function warmUp(browser: Browser, url: string, readySelector = '[data-testid="app"]'): Promise<void> {
  const page = await browser.newPage();
  await page.goto(url, { timeout: 180_000 });
  await page.waitForSelector(readySelector, { timeout: 180_000 });
  await page.close();
}

/** Launches headless Chromium (Playwright gives it a fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** What {@link openEditor} hands back. */
export interface EditorPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors seen so far. */
  readonly errors: string[];
  /** Console messages of type error seen so far (failed loads included). */
  readonly consoleErrors: string[];
}

/**
 * A fresh context and page on the editor. File System Access pickers are removed so saving
 * downloads and opening uses a file input, which Playwright can drive.
 */
export async function openEditor(browser: Browser, url: string): Promise<EditorPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.showSaveFilePicker;
    delete w.showOpenFilePicker;
  });
  const page = await context.newPage();
  // The machine is shared: a cold Vite transform can take a while.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A failed load names only its status; the location says which resource it was.
    if (m.type() === 'error') consoleErrors.push(`${m.text().slice(0, 300)} (${m.location().url})`);
  });
  await page.goto(url, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="app"]');
  return { context, page, errors, consoleErrors };
}

/** Opens graph text through the toolbar's Open button (a file input, see {@link openEditor}). */
export async function openViaChooser(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('btn-open').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Saves the open graph with Ctrl+S (a download, see {@link openEditor}) and returns the file text. */
export async function saveViaDownload(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const path = await (await download).path();
  return readFileSync(path, 'utf8');
}

/** Waits until autosave has written the latest edit. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="autosave-status"][data-status="saved"]');
}

/** Drags a palette item onto the canvas at a point relative to the canvas. */
export async function dropPlugin(page: Page, pluginId: string, x: number, y: number): Promise<void> {
  await page.getByTestId('palette-search').fill('');
  const item = page.getByTestId(`palette-item-${pluginId}`);
  await item.scrollIntoViewIfNeeded();
  await item.dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Drags a link from one handle to another. */
export async function link(page: Page, fromNode: string, fromPort: string, toNode: string, toPort: string): Promise<void> {
  const a = await page.getByTestId(`handle-${fromNode}-${fromPort}`).boundingBox();
  const b = await page.getByTestId(`handle-${toNode}-${toPort}`).boundingBox();
  if (!a || !b) throw new Error(`handle not visible: ${fromNode}.${fromPort} or ${toNode}.${toPort}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** The summary panel's totals line ("8 nodes · 9 links · …"). */
export function summaryTotals(page: Page): Promise<string> {
  return page.getByTestId('summary-totals').innerText();
}

/** Number of nodes drawn on the canvas. */
export function nodeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__node').count();
}

/** Something {@link useServerAndBrowser} closes. */
interface Closable {
  close(): Promise<void>;
}

/**
 * Starts a dev server and a browser before the file's tests and closes both after them; the
 * getter it returns throws when called before then. Call once at the top of a test file.
 */
export function useServerAndBrowser<T extends { readonly server: Closable; readonly browser: Closable }>(
  start: () => Promise<T>,
  timeout?: number,
): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, timeout);
  afterAll(async () => {
    await started?.browser.close();
    await started?.server.close();
  });
  return () => {
    if (!started) throw new Error('the dev server and browser start in beforeAll');
    return started;
  };
}

/** The dev server and browser one e2e file shares; see {@link useEditorSession}. */
export interface EditorSession {
  readonly url: string;
  readonly browser: Browser;
  /** The Vite dev server (e.g. to tell it about a file its watcher ignores). */
  readonly server: ViteDevServer;
  /** A fresh context and page on the editor ({@link openEditor}). */
  open(): Promise<EditorPage>;
}

/**
 * Starts the editor's dev server and Chromium before the file's tests (with a warm-up page
 * load) and stops both after them. Call once at the top of a test file.
 */
export function useEditorSession(): EditorSession {
  const get = useServerAndBrowser(async () => {
    const { server, url } = await startEditorServer();
    return { server, url, browser: await launchChromium() };
  }, 240_000);
  beforeAll(() => warmUp(get().browser, get().url), 240_000);
  return {
    get url() {
      return get().url;
    },
    get browser() {
      return get().browser;
    },
    get server() {
      return get().server;
    },
    open: () => openEditor(get().browser, get().url),
  };
}
