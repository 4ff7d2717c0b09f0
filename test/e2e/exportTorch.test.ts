/**
 * End-to-end: Export → PyTorch in the editor (headless Chromium, the real toolbar). On the
 * two-spirals example it downloads a zip of the files `netwright export torch` writes: model.py
 * and train.py equal the CLI's, weights.json holds the same seeded initial weights, and the
 * unzipped project runs `train.py --eval-only` with the found torch python to the eval metrics
 * of the CLI's export; after a run, the zip holds that run's weights. A graph with a node whose
 * plugin has no emitter gets a notice naming it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../cli/testkit.ts';
import { useTempDir } from '../support/tempDir.ts';
import { requireTorchPython, runPython, type EventLine } from '../support/torchPython.ts';
import { openViaChooser, ROOT, useEditorSession } from './harness.ts';

const editor = useEditorSession();
const tmp = useTempDir('netwright-e2e-torch-');
let python = '';

beforeAll(() => {
  python = requireTorchPython();
});

function doneMetrics(events: readonly EventLine[]): Record<string, number> {
  const done = events.find((e) => e.event === 'done');
  if (!done?.metrics) throw new Error('no done event');
  return done.metrics;
}

describe('Export → PyTorch in the editor', () => {
  it('downloads the CLI export of two spirals as a zip that runs train.py --eval-only in PyTorch', async () => {
    const { page, context, errors } = await editor.open();
    try {
      const download = page.waitForEvent('download');
      await page.getByTestId('btn-export-torch').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/-torch\.zip$/);
      const zip = unzipSync(new Uint8Array(readFileSync(await file.path())));
      const dir = join(tmp(), 'editor');
      const names: string[] = [];
      for (const [path, bytes] of Object.entries(zip)) {
        const name = path.split('/').pop()!;
        names.push(name);
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), bytes);
      }
      expect(names.sort()).toEqual(['README.md', 'model.py', 'netwright_torch.py', 'train.py', 'weights.json']);

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
    } finally {
      await context.close();
    }
  }, 180_000);

  it('exports the weights of the latest run of the graph', async () => {
    const { page, context } = await editor.open();
    try {
      await page.getByTestId('run-dock-toggle').click();
      await page.getByTestId('run-steps').fill('10');
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-status"][data-phase="done"]', { timeout: 120_000 });
      const download = page.waitForEvent('download');
      await page.getByTestId('btn-export-torch').click();
      const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
      const read = (f: string): string => new TextDecoder().decode(Object.entries(zip).find(([p]) => p.endsWith(`/${f}`))![1]);
      expect(read('README.md')).toContain("the weights of the editor's latest run of this graph (10 steps)");
      const cliDir = join(tmp(), 'cli-init');
      expect((await runCliCaptured('export', 'torch', join(ROOT, 'graphs', 'two-spirals-mlp.graph.json'), '-o', cliDir)).code).toBe(0);
      const tensors = (text: string): Record<string, { data: number[] }> => (JSON.parse(text) as { tensors: Record<string, { data: number[] }> }).tensors;
      const [trained, init] = [tensors(read('weights.json')), tensors(readFileSync(join(cliDir, 'weights.json'), 'utf8'))];
      expect(Object.keys(trained).sort()).toEqual(Object.keys(init).sort());
      expect(Object.keys(trained).some((k) => trained[k]!.data.some((v, i) => v !== init[k]!.data[i]))).toBe(true);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('refuses a graph with a node whose plugin has no emitter, naming the node', async () => {
    const { page, context } = await editor.open();
    try {
      await openViaChooser(page, 'apmask-imp.graph.json', readFileSync(join(ROOT, 'graphs', 'apmask-imp.graph.json'), 'utf8'));
      await page.getByTestId('btn-export-torch').click();
      await expect
        .poll(() => page.getByTestId('notice-error').allTextContents(), { timeout: 20_000 })
        .toContainEqual(expect.stringMatching(/node "ap" \(apmask\): plugin "apmask" has no PyTorch emitter/));
    } finally {
      await context.close();
    }
  }, 120_000);
});
