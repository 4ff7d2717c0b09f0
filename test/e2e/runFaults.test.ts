/**
 * Faults and weights in real headless Chromium: a worker killed mid-run leaves the editor
 * working and the graph untouched; a graph that diverges stops with the step and the node that
 * went non-finite, and the node is marked; trained weights export to a file and load back into
 * the same graph, and are refused by a different one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphDoc, GraphNode } from '../../runtime/graph/types.ts';
import { chooseBackend, openHarness, panelState, waitForState, type HarnessWindow, useRunHarness } from './runSupport.ts';

const harness = useRunHarness();

function getDoc(): Promise<GraphDoc> {
  return harness.browser.page.evaluate(() => (window as unknown as HarnessWindow).__nwRunHarness!.getDoc());
}

/**
 * Replaces the harness's graph and waits until the panel has rendered it: the harness updates
 * `getDoc` in an effect after the render, so reading it (or starting a run) at once could still
 * see the previous graph — which made the next test train and export the wrong graph.
 */
async function setDoc(doc: GraphDoc): Promise<void> {
  // As text: Playwright's argument typing recurses forever on the recursive JsonValue type.
  const text = JSON.stringify(doc);
  await harness.browser.page.evaluate((t) => {
    (window as unknown as HarnessWindow).__nwRunHarness!.setDoc(JSON.parse(t) as GraphDoc);
  }, text);
  await expect.poll(async () => JSON.stringify(await getDoc())).toBe(text);
}

describe('run panel faults and weights', () => {
  it('survives a worker killed mid-run: run failed, graph untouched, editing and running go on', async () => {
    const { page } = harness.browser;
    await openHarness(page, harness.server.url, { heartbeat: '3000' });
    await chooseBackend(page, 'wasm');
    const before = await getDoc();
    await page.getByTestId('run-steps').fill('5000');
    await page.getByTestId('run-start').click();
    await waitForState(page, (s) => s.phase === 'running' && s.step >= 5, 'running');
    await page.evaluate(() => {
      // The harness page made the worker (it injects the panel's worker factory): it kills it.
      (window as unknown as HarnessWindow).__nwRunHarness!.killWorker();
    });
    const failed = await waitForState(page, (s) => s.phase === 'failed', 'run failed after the kill', 30_000);
    expect(failed.fault?.code).toBe('WORKER_CRASHED');
    expect(failed.engine).toBe('crashed');
    expect(failed.runs[0]!.status).toBe('failed');
    await expect(page.getByTestId('run-fault').textContent()).resolves.toMatch(/stopped answering/);
    expect(await getDoc()).toEqual(before);

    // Keep editing: a smaller network, then a short run on a fresh engine.
    const edited = structuredClone(before) as { -readonly [K in keyof GraphDoc]: GraphDoc[K] };
    const h1 = edited.nodes.h1!;
    edited.nodes = { ...edited.nodes, h1: { ...h1, params: { ...h1.params, units: 16 } } };
    await setDoc(edited);
    await page.getByTestId('run-steps').fill('20');
    await page.getByTestId('run-start').click();
    const again = await waitForState(page, (s) => s.phase === 'done', 'run on a new engine');
    expect(again.engine).toBe('ready');
    expect(again.runs[0]!.status).toBe('done');
    expect(((await getDoc()).nodes.h1 as GraphNode).params.units).toBe(16);
    await setDoc(before);
  });

  it('stops a diverging graph at the NaN step, naming and marking the first non-finite node', async () => {
    const { page } = harness.browser;
    const base = await getDoc();
    // Quadratic layers squared twice and SGD at lr 10: activations overflow within a few steps.
    const nodes: Record<string, GraphNode> = { ...base.nodes };
    for (const id of ['h1', 'h2']) nodes[id] = { ...nodes[id]!, type: 'quadratic-dense', params: { units: 32 } };
    nodes.opt = { ...nodes.opt!, type: 'sgd', params: { lr: 10, steps: 200, batchSize: 64, seed: 0, evalEvery: 0, clipNorm: 0, momentum: 0.99, nesterov: false } };
    delete nodes.sched;
    const edges = Object.fromEntries(Object.entries(base.edges).filter(([, e]) => e.from.node !== 'sched'));
    await setDoc({ ...base, nodes, edges });
    await page.getByTestId('run-steps').fill('');
    await page.getByTestId('run-start').click();
    const failed = await waitForState(page, (s) => s.phase === 'failed', 'NaN failure');
    expect(failed.fault?.code).toBe('TRAIN_NONFINITE');
    expect(failed.fault?.node).toBe('h2');
    expect(failed.fault?.step).toBeGreaterThan(1);
    expect(failed.fault?.message).toMatch(new RegExp(`at step ${failed.fault!.step}; the first non-finite output is node "h2"`));
    await expect(page.getByTestId('run-fault').getAttribute('data-node')).resolves.toBe('h2');
    const marked = await page.evaluate(() => (window as unknown as HarnessWindow & { __nwRunHarness: { diagnostics: { get(id: string): unknown } } }).__nwRunHarness.diagnostics.get('h2'));
    expect(marked).toMatchObject({ fault: { code: 'TRAIN_NONFINITE' } });
    expect(failed.runs[0]!.status).toBe('failed');
    await setDoc(base);
  });

  it('exports trained weights to a file and loads them back into the same graph only', async () => {
    const { page } = harness.browser;
    const runsBefore = (await panelState(page)).runs.length;
    await page.getByTestId('run-steps').fill('150');
    await page.getByTestId('run-start').click();
    // Done, with this run listed first (the list is patched after the run ends).
    const done = await waitForState(page, (s) => s.phase === 'done' && s.runs.length > runsBefore && s.runs[0]!.status === 'done', 'training for export');
    // This run's row (the list may not show it yet, and earlier runs of other graphs are listed too).
    const exportButton = page.locator(`[data-testid="runs-row"][data-run="${done.runs[0]!.id}"] [data-testid="runs-export"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('NWW1');

    // A fresh page: nothing loaded, then the file goes back in.
    await openHarness(page, harness.server.url);
    await chooseBackend(page, 'wasm');
    await page.getByTestId('runs-import-file').setInputFiles(path);
    const loaded = await waitForState(page, (s) => s.loadedGraphHash !== undefined || s.phase === 'failed', 'weights loaded');
    expect(loaded.fault).toBeUndefined();
    expect(loaded.loadedGraphHash).toBe(done.runs[0]!.graphHash);
    expect(loaded.notice).toMatch(/Weights loaded/);
    // The predictions view paints from the imported weights.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="run-boundary"]')?.getAttribute('data-painted') ?? 0) > 0);

    // Another graph (a wider layer) refuses them, naming what does not fit.
    const doc = await getDoc();
    await setDoc({ ...doc, nodes: { ...doc.nodes, h1: { ...doc.nodes.h1!, params: { ...doc.nodes.h1!.params, units: 8 } } } });
    await page.getByTestId('runs-import-file').setInputFiles(path);
    const refused = await waitForState(page, (s) => s.phase === 'failed', 'weights refused');
    expect(refused.fault?.code).toMatch(/^WEIGHTS_/);
    expect(refused.fault?.message).toMatch(/h1/);
    expect((await panelState(page)).loadedGraphHash).toBeUndefined();
    expect(harness.browser.errors).toEqual([]);
  });
});
