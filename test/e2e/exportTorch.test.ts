/**
 * End-to-end: Export → PyTorch in the editor (headless Chromium, the real toolbar). On the
 * two-spirals example it downloads a zip of the files `netwright export torch` writes: model.py
 * and train.py equal the CLI's, weights.json holds the same seeded initial weights, and the
 * unzipped project runs `train.py --eval-only` with the found torch python to the eval metrics
 * of the CLI's export. After a 10-step run in the page, the zip holds that run's weights and
 * `train.py --eval-only` on them gives the page's last eval metrics (the runs database's, 1e-4).
 * A graph with a node whose plugin is missing gets a notice naming it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../cli/testkit.ts';
import { useTempDir } from '../support/tempDir.ts';
import { requireTorchPython, runPython, type EventLine } from '../support/torchPython.ts';
import { openViaChooser, ROOT, useEditorSession, type EditorPage } from './harness.ts';

const editor = useEditorSession();
const tmp = useTempDir('netwright-e2e-torch-');
let python = '';

beforeAll(() => {
  python = requireTorchPython();
});

/** Runs `body` on a fresh editor page, then closes the page's context whether or not it passed. */
async function onEditorPage(body: (session: EditorPage) => Promise<void>): Promise<void> {
  const session = await editor.open();
  try {
    await body(session);
  } finally {
    await session.context.close();
  }
}

function doneMetrics(events: readonly EventLine[]): Record<string, number> {
  const done = events.find((e) => e.event === 'done');
  if (!done?.metrics) throw new Error('no done event');
  return done.metrics;
}

/** Writes a zip's files, flattened (the zip holds one folder), into `dir`; returns their names. */
function unzipTo(dir: string, zip: Record<string, Uint8Array>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(zip).map(([path, bytes]) => {
    const name = path.split('/').pop()!;
    writeFileSync(join(dir, name), bytes);
    return name;
  });
}

/** The final eval metrics of the newest finished run in the page's runs database (IndexedDB), once it is stored. */
async function lastRunMetrics(page: Page): Promise<Record<string, number>> {
  const read = (): Promise<Record<string, number> | null> =>
    page.evaluate(
      () =>
        new Promise<Record<string, number> | null>((resolve, reject) => {
          const open = indexedDB.open('netwright-runs');
          open.onerror = () => {
            reject(new Error('cannot open the netwright-runs database'));
          };
          open.onsuccess = () => {
            const all = open.result.transaction('runs').objectStore('runs').getAll();
            all.onsuccess = () => {
              type Run = { status: string; createdAt: number; finalMetrics: Record<string, number> };
              const done = (all.result as Run[]).filter((r) => r.status === 'done').sort((a, b) => b.createdAt - a.createdAt);
              open.result.close();
              resolve(done[0]?.finalMetrics ?? null);
            };
          };
        }),
    );
  await expect.poll(read, { timeout: 20_000 }).not.toBeNull();
  return (await read())!;
}

interface GhostGraph {
  plugins: Record<string, unknown>;
  nodes: Record<string, unknown>;
  edges: unknown[];
}

describe('Export → PyTorch in the editor', () => {
  it('downloads the CLI export of two spirals as a zip that runs train.py --eval-only in PyTorch', async () => {
    await onEditorPage(async ({ page, errors }) => {
      const download = page.waitForEvent('download');
      await page.getByTestId('btn-export-torch').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/-torch\.zip$/);
      const zip = unzipSync(new Uint8Array(readFileSync(await file.path())));
      const dir = join(tmp(), 'editor');
      expect(unzipTo(dir, zip).sort()).toEqual(['README.md', 'model.py', 'netwright_torch.py', 'train.py', 'weights.json']);

      const cliDir = join(tmp(), 'cli');
      const graph = join(ROOT, 'graphs', 'two-spirals-mlp.graph.json');
      expect((await runCliCaptured('export', 'torch', graph, '-o', cliDir)).code).toBe(0);
      const text = (d: string, f: string): string => readFileSync(join(d, f), 'utf8');
      expect(text(dir, 'model.py')).toBe(text(cliDir, 'model.py'));
      expect(text(dir, 'netwright_torch.py')).toBe(text(cliDir, 'netwright_torch.py'));
      const weights = (d: string): unknown => (JSON.parse(text(d, 'weights.json')) as { tensors: unknown }).tensors;
      expect(weights(dir)).toEqual(weights(cliDir));

      const ours = doneMetrics(runPython(python, dir, ['train.py', '--eval-only']));
      const cli = doneMetrics(runPython(python, cliDir, ['train.py', '--eval-only']));
      expect(Object.keys(ours).length).toBeGreaterThan(0);
      expect(ours).toEqual(cli);
      expect(errors).toEqual([]);
    });
  }, 180_000);

  it('exports a run trained in the page: train.py --eval-only on its weights gives the page\'s last eval metrics', async () => {
    await onEditorPage(async ({ page }) => {
      await page.getByTestId('run-dock-toggle').click();
      await page.getByTestId('run-steps').fill('10');
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-status"][data-phase="done"]', { timeout: 120_000 });
      const pageMetrics = await lastRunMetrics(page);
      const download = page.waitForEvent('download');
      await page.getByTestId('btn-export-torch').click();
      const dir = join(tmp(), 'trained');
      unzipTo(dir, unzipSync(new Uint8Array(readFileSync(await (await download).path()))));
      const text = (d: string, f: string): string => readFileSync(join(d, f), 'utf8');
      expect(text(dir, 'README.md')).toContain("the weights of the editor's latest run of this graph (10 steps)");
      const cliDir = join(tmp(), 'cli-init');
      expect((await runCliCaptured('export', 'torch', join(ROOT, 'graphs', 'two-spirals-mlp.graph.json'), '-o', cliDir)).code).toBe(0);
      const tensors = (d: string): Record<string, { data: number[] }> => (JSON.parse(text(d, 'weights.json')) as { tensors: Record<string, { data: number[] }> }).tensors;
      const [trained, init] = [tensors(dir), tensors(cliDir)];
      expect(Object.keys(trained).sort()).toEqual(Object.keys(init).sort());
      expect(Object.keys(trained).some((k) => trained[k]!.data.some((v, i) => v !== init[k]!.data[i]))).toBe(true);

      const torchMetrics = doneMetrics(runPython(python, dir, ['train.py', '--eval-only']));
      expect(Object.keys(torchMetrics).sort()).toEqual(Object.keys(pageMetrics).sort());
      for (const [k, v] of Object.entries(pageMetrics)) expect(Math.abs(torchMetrics[k]! - v), k).toBeLessThanOrEqual(1e-4);
    });
  }, 180_000);

  it('refuses a graph with a node whose plugin is missing, naming the node', async () => {
    await onEditorPage(async ({ page }) => {
      const file = JSON.parse(readFileSync(join(ROOT, 'graphs', 'two-spirals-mlp.graph.json'), 'utf8')) as GhostGraph;
      file.plugins['acme.ghost'] = { version: '1.0.0', migration: 0 };
      file.nodes.ghost = { type: 'acme.ghost', params: {}, position: { x: 900, y: 500 } };
      file.edges.push({ from: { node: 'logits', port: 'y' }, to: { node: 'ghost', port: 'x' } });
      await openViaChooser(page, 'ghost.graph.json', JSON.stringify(file));
      await page.getByTestId('btn-export-torch').click();
      await expect
        .poll(() => page.getByTestId('notice-error').allTextContents(), { timeout: 20_000 })
        .toContainEqual(expect.stringMatching(/Export → PyTorch: node "ghost"/));
    });
  }, 120_000);
});
