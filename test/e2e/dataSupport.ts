/** Shared steps of the data e2e tests (run harness page): pick through the Data section, read the graph, train. Test-only. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import { chooseBackend, openHarness, waitForState, type HarnessWindow } from './runSupport.ts';

/** Clicks the node's "Choose file…"/"Choose folder…" and gives the real file chooser `path` (a file or a directory). */
export async function pickData(page: Page, node: string, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(`data-choose-${node}`).click()]);
  await chooser.setFiles(path);
}

/** A file given to a chooser from memory. */
export interface ChosenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Clicks the node's "Choose IDX files…" and gives the real file chooser `files` at once. */
export async function pickIdxFiles(page: Page, node: string, files: readonly ChosenFile[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(`data-choose-idx-${node}`).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
}

/** The harness's graph document. */
export const getDoc = (page: Page): Promise<GraphDoc> => page.evaluate(() => (window as unknown as HarnessWindow).__nwRunHarness!.getDoc());

/** Replaces the harness's graph document (as the editor's autosave restores it). */
export async function setDoc(page: Page, doc: GraphDoc): Promise<void> {
  await page.evaluate((json) => {
    (window as unknown as HarnessWindow).__nwRunHarness!.setDoc(JSON.parse(json) as GraphDoc);
  }, JSON.stringify(doc));
}

/** Opens the run harness on `graph` (wasm), expects `node`'s data to be the shipped one, and returns the node's params before any pick. */
export async function openOnShippedData(page: Page, baseUrl: string, graph: string, node: string): Promise<Record<string, unknown>> {
  await openHarness(page, baseUrl, { graph });
  expect((await chooseBackend(page, 'wasm')).engine).toBe('ready');
  expect(await page.getByTestId(`data-status-${node}`).textContent()).toBe('shipped with Netwright');
  return (await getDoc(page)).nodes[node]!.params;
}

/** Runs `steps` training steps from the run panel and expects them all, without a fault. */
export async function trainSteps(page: Page, steps: number): Promise<void> {
  await page.getByTestId('run-steps').fill(String(steps));
  await page.getByTestId('run-start').click();
  const s = await waitForState(page, (x) => x.phase === 'done' || x.phase === 'failed', 'run end', 120_000);
  expect(s.fault).toBeUndefined();
  expect(s.step).toBe(steps);
}

/**
 * Trains `steps`, then reloads: a fresh harness page and worker on `graph`, the trained graph
 * restored (as the editor's autosave brings it back), the data found in IndexedDB without a new
 * pick, and trains `steps` again. Returns the graph as it was saved.
 */
export async function trainReloadTrain(page: Page, baseUrl: string, graph: string, steps: number): Promise<GraphDoc> {
  await trainSteps(page, steps);
  const saved = await getDoc(page);
  await openHarness(page, baseUrl, { graph });
  expect((await chooseBackend(page, 'wasm')).engine).toBe('ready');
  await setDoc(page, saved);
  await page.getByText('in this browser', { exact: true }).waitFor();
  await trainSteps(page, steps);
  return saved;
}
