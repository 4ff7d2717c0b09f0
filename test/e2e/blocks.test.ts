/**
 * Blocks in the real editor (issue 14): the GLA example opens with its two layers drawn as one
 * collapsed instance (title, ×2, the block's ports with the output shape, exposed params, the
 * params of both copies); the inspector's repeat field changes the count and the totals, and
 * Undo brings them back; a save writes the block file unchanged.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hiddenLayerBlock } from '../support/spiralBlocks.ts';
import { type EditorPage, openViaChooser, ROOT, saveViaDownload, summaryTotals, useEditorSession } from './harness.ts';

const editor = useEditorSession();
const GLA = readFileSync(`${ROOT}/graphs/gla-associative-recall.graph.json`, 'utf8');

/** An editor page of this file's tests; `done` checks no page error was thrown and closes it. */
interface BlockSession extends EditorPage {
  readonly done: () => Promise<void>;
}

/** A fresh editor page, with `text` opened through the file chooser as `name` when given. */
async function openGraph(name?: string, text = ''): Promise<BlockSession> {
  const session = await editor.open();
  if (name !== undefined) await openViaChooser(session.page, name, text);
  const done = async (): Promise<void> => {
    expect(session.errors).toEqual([]);
    await session.context.close();
  };
  return { ...session, done };
}

describe('block instances in the editor', () => {
  it('shows an instance collapsed, sets its repeat in the inspector, undoes it, saves it unchanged', async () => {
    const { page, done } = await openGraph('gla-associative-recall.graph.json', GLA);
    const node = page.getByTestId('node-stack');
    await node.waitFor();
    await expect(page.getByTestId('repeat-stack').innerText()).resolves.toBe('×2');
    await expect(node.innerText()).resolves.toMatch(
      /GLA layers[\s\S]*dModel\s*64[\s\S]*numHeads\s*2[\s\S]*mlpWidth\s*128/,
    );
    await expect(page.getByTestId('handle-stack-x').count()).resolves.toBe(1);
    await expect(page.getByTestId('handle-stack-y').count()).resolves.toBe(1);
    const two = await page.getByTestId('block-cost-stack').innerText();
    expect(two).toMatch(/params/);

    await node.click();
    const repeat = page.getByTestId('param-stack-repeat');
    await repeat.fill('3');
    await repeat.blur();
    await expect.poll(() => page.getByTestId('repeat-stack').innerText()).toBe('×3');
    const three = await page.getByTestId('block-cost-stack').innerText();
    expect(three).not.toBe(two);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('repeat-stack').innerText()).toBe('×2');
    await expect.poll(() => page.getByTestId('block-cost-stack').innerText()).toBe(two);
    expect(await saveViaDownload(page)).toBe(GLA);
    await done();
  });
});

describe('group and ungroup in the editor', () => {
  it('Ctrl+G groups the selected nodes into an instance, Ctrl+Shift+G ungroups it, each undoable', async () => {
    const { page, done } = await openGraph();
    await page.getByTestId('node-h1').click();
    await page.getByTestId('node-h2').click({ modifiers: ['Control'] });
    const before = await summaryTotals(page);
    await page.keyboard.press('Control+g');
    await page.getByTestId('node-block1').waitFor();
    expect(await page.getByTestId('node-h1').count()).toBe(0);
    await expect(page.getByTestId('repeat-block1').innerText()).resolves.toBe('×1');
    // Same parameters: the group computes what the two layers did.
    await expect
      .poll(async () => (await summaryTotals(page)).replace(/^\d+ nodes · /, ''))
      .toBe(before.replace(/^\d+ nodes · /, ''));

    await page.keyboard.press('Control+z');
    await page.getByTestId('node-h1').waitFor();
    expect(await page.getByTestId('node-block1').count()).toBe(0);
    await page.keyboard.press('Control+y');
    await page.getByTestId('node-block1').waitFor();

    await page.getByTestId('node-block1').click();
    await page.keyboard.press('Control+Shift+g');
    await page.getByTestId('node-h2').waitFor();
    expect(await page.getByTestId('node-block1').count()).toBe(0);
    await expect.poll(() => summaryTotals(page)).toBe(before);
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-block1').waitFor();
    await done();
  });
});

/** The keys of the block library's IndexedDB store, read in the page. */
function libraryKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('netwright-blocks');
        open.onerror = () => { reject(new Error('cannot open netwright-blocks')); };
        open.onsuccess = () => {
          const keys = open.result.transaction('blocks').objectStore('blocks').getAllKeys();
          keys.onsuccess = () => {
            open.result.close();
            resolve(keys.result.map(String));
          };
        };
      }),
  );
}

/** Two spirals whose second hidden layer is two instances (`a`, `b`) of a one-layer block. */
function twoInstances(): string {
  const g = JSON.parse(readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8')) as {
    version: number;
    blocks?: unknown;
    nodes: Record<string, unknown>;
    edges: { from: { node: string; port: string }; to: { node: string; port: string } }[];
  };
  g.version = 2;
  g.blocks = {
    layer: hiddenLayerBlock(),
  };
  delete g.nodes.h2;
  g.nodes.a = { type: 'block', params: { block: 'layer', width: 32 }, position: { x: 520, y: 0 } };
  g.nodes.b = { type: 'block', params: { block: 'layer', width: 32 }, position: { x: 780, y: 0 } };
  const link = (a: string, b: string) => ({ from: { node: a, port: 'y' }, to: { node: b, port: 'x' } });
  g.edges = [
    ...g.edges.filter((e) => e.from.node !== 'h2' && e.to.node !== 'h2'),
    link('h1', 'a'),
    link('a', 'b'),
    link('b', 'logits'),
  ];
  return `${JSON.stringify(g, null, 2)}\n`;
}

/** The two-instances graph open in a fresh editor; `cost` reads an instance's params line. */
async function openTwoInstances(): Promise<BlockSession & { readonly cost: (id: string) => Promise<string> }> {
  const session = await openGraph('two-instances.graph.json', twoInstances());
  await session.page.getByTestId('node-a').waitFor();
  const cost = async (id: string): Promise<string> =>
    (await session.page.getByTestId(`block-cost-${id}`).innerText()).replace(/ · .*/, '');
  return { ...session, cost };
}

describe('editing a block definition in the editor', () => {
  it('an inner param edit changes every instance; Make unique forks one; undo restores', async () => {
    const { page, done, cost } = await openTwoInstances();
    const [a0, b0] = [await cost('a'), await cost('b')];
    expect(a0).toBe('1.06k params');

    await page.getByTestId('node-a').click();
    await page.getByTestId('definition-layer').locator('summary').click();
    await page.getByTestId('def-layer-d-useBias').selectOption('false');
    await expect.poll(() => cost('a')).toBe('1.02k params');
    await expect.poll(() => cost('b')).toBe('1.02k params');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cost('b')).toBe(b0);

    await page.getByTestId('block-make-unique').click();
    await page.getByTestId('definition-layer2').locator('summary').click();
    await page.getByTestId('def-layer2-d-useBias').selectOption('false');
    await expect.poll(() => cost('a')).toBe('1.02k params');
    expect(await cost('b')).toBe(b0);
    await done();
  });
});

describe('copy and paste of block instances in the editor', () => {
  it('a pasted instance carries its definition (joined with the identical one) and names its open input by path', async () => {
    const { context, page, done } = await openGraph('gla-associative-recall.graph.json', GLA);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(editor.url).origin,
    });
    await page.getByTestId('node-stack').click();
    await page.keyboard.press('Control+c');
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
      blocks?: Record<string, unknown>;
    };
    expect(Object.keys(copied.blocks ?? {})).toEqual(['glaLayer']);
    await page.keyboard.press('Control+v');
    const pasted = page.getByTestId('node-block1');
    await pasted.waitFor();
    await expect(page.getByTestId('repeat-block1').innerText()).resolves.toBe('×2');
    // Pasted alone, its input is open: the one problem named is that, by its path inside the block.
    await expect(pasted.getByTestId('node-diagnostics').getAttribute('title')).resolves.toMatch(
      /^✖ block1\[0\] › lnA › x: .*required input "x" is not connected/,
    );
    const saved = JSON.parse(await saveViaDownload(page)) as {
      blocks: Record<string, unknown>;
      nodes: Record<string, { params: Record<string, unknown> }>;
    };
    expect(Object.keys(saved.blocks)).toEqual(['glaLayer']);
    expect(saved.nodes.block1!.params.block).toBe('glaLayer');
    await done();
  });
});

describe('opening a block definition on the canvas', () => {
  it('double-click opens it with a breadcrumb; inner edits change every instance; Esc, Enter and the breadcrumb navigate; undo works', async () => {
    const { page, done, cost } = await openTwoInstances();
    const b0 = await cost('b');

    await page.getByTestId('node-a').dblclick();
    await expect.poll(() => page.getByTestId('breadcrumb-current').innerText()).toBe('Hidden layer');
    await expect(page.getByTestId('block-breadcrumb').innerText()).resolves.toMatch(/^Graph\s*›\s*Hidden layer[\s\S]*all 2 instances/);
    await expect(page.getByTestId('breadcrumb-ports').innerText()).resolves.toBe('in x → d.x · out y ← d.y');
    await page.getByTestId('node-d').waitFor();
    expect(await page.getByTestId('node-a').count()).toBe(0);
    // The inner node shows the shape it carries in the first copy.
    await expect(page.getByTestId('node-d').innerText()).resolves.toMatch(/32/);

    // An ordinary inspector edit inside the definition: both instances follow.
    await page.getByTestId('node-d').click();
    await page.getByTestId('param-d-useBias').click();
    await page.keyboard.press('Escape'); // clears the selection
    await page.keyboard.press('Escape'); // back to the graph
    await page.getByTestId('node-a').waitFor();
    expect(await page.getByTestId('block-breadcrumb').count()).toBe(0);
    await expect.poll(() => cost('a')).toBe('1.02k params');
    await expect.poll(() => cost('b')).toBe('1.02k params');
    await page.keyboard.press('Control+z');
    await expect.poll(() => cost('b')).toBe(b0);

    // Enter on a selected instance opens it; a node added from the palette lands in the definition.
    await page.getByTestId('node-b').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('node-d').click();
    await page.getByTestId('palette-search').fill('dropout');
    await page.getByTestId('palette-search').press('Enter');
    await page.getByTestId('node-dropout1').waitFor();
    await page.getByTestId('breadcrumb-graph').click();
    await page.getByTestId('node-b').waitFor();
    const saved = JSON.parse(await saveViaDownload(page)) as {
      blocks: Record<string, { nodes: Record<string, unknown>; edges: { from: { node: string }; to: { node: string } }[] }>;
      nodes: Record<string, unknown>;
    };
    expect(Object.keys(saved.blocks.layer!.nodes).sort()).toEqual(['d', 'dropout1']);
    expect(saved.blocks.layer!.edges.map((e) => `${e.from.node}->${e.to.node}`)).toEqual(['d->dropout1']);
    expect(Object.hasOwn(saved.nodes, 'dropout1')).toBe(false);
    await page.keyboard.press('Control+z');
    const undone = JSON.parse(await saveViaDownload(page)) as { blocks: Record<string, { nodes: Record<string, unknown> }> };
    expect(Object.keys(undone.blocks.layer!.nodes)).toEqual(['d']);
    await done();
  });

  it('lists the file\'s blocks in the palette; double-click adds an instance, undoable', async () => {
    const { page, done } = await openGraph('two-instances.graph.json', twoInstances());
    await page.getByTestId('node-a').waitFor();
    const item = page.getByTestId('palette-block-layer');
    await expect(item.innerText()).resolves.toMatch(/Hidden layer[\s\S]*block · 1 nodes · x → y/);
    await item.dblclick();
    await page.getByTestId('node-layer1').waitFor();
    await expect(page.getByTestId('repeat-layer1').innerText()).resolves.toBe('×1');
    // Inside the definition, the block itself is refused: a block cannot contain itself.
    await page.getByTestId('node-a').dblclick();
    await page.getByTestId('node-d').waitFor();
    await item.dblclick();
    await expect.poll(() => page.getByTestId('notice-error').last().innerText()).toMatch(/cannot contain itself/);
    await page.getByTestId('breadcrumb-graph').click();
    await page.getByTestId('node-layer1').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('node-layer1').count()).toBe(0);
    await done();
  });
});

describe('nested blocks: group and ungroup inside an open definition', () => {
  it('Ctrl+G inside a definition nests a block (every instance follows), Ctrl+Shift+G ungroups it, each undoable', async () => {
    const { page, done, cost } = await openTwoInstances();
    const b0 = await cost('b');
    const saved = async () => JSON.parse(await saveViaDownload(page)) as { blocks: Record<string, { nodes: Record<string, { type: string }>; params: Record<string, { bind: unknown[] }> }> };

    await page.getByTestId('node-a').dblclick();
    await page.getByTestId('node-d').click();
    await page.keyboard.press('Control+g');
    await page.getByTestId('node-block1').waitFor();
    expect(await page.getByTestId('node-d').count()).toBe(0);
    await expect(page.getByTestId('breadcrumb-ports').innerText()).resolves.toBe('in x → block1.x · out y ← block1.y');
    const nested = await saved();
    expect(Object.keys(nested.blocks).sort()).toEqual(['block', 'layer']);
    expect(Object.values(nested.blocks.layer!.nodes).map((n) => n.type)).toEqual(['block']);
    expect(nested.blocks.layer!.params.width!.bind).toEqual([{ node: 'block1', param: 'width' }]);
    await page.getByTestId('breadcrumb-graph').click();
    await page.getByTestId('node-b').waitFor();
    // Both instances compute what they did: the same parameters.
    await expect.poll(() => cost('b')).toBe(b0);
    expect(await cost('a')).toBe(b0);

    await page.getByTestId('node-b').dblclick();
    await page.getByTestId('node-block1').click();
    await page.keyboard.press('Control+Shift+g');
    await page.getByTestId('node-d').waitFor();
    expect(await page.getByTestId('node-block1').count()).toBe(0);
    expect((await saved()).blocks.layer!.params.width!.bind).toEqual([{ node: 'd', param: 'units' }]);
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-block1').waitFor();
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-d').waitFor();
    expect(Object.keys((await saved()).blocks)).toEqual(['layer']);
    await done();
  });
});

describe('the interface of an open definition', () => {
  it('renames and removes ports and exposes, binds and unbinds params there; every instance follows; undo', async () => {
    const { page, done, cost } = await openTwoInstances();
    type Saved = { edges: { from: { node: string; port: string }; to: { node: string; port: string } }[]; nodes: Record<string, { params: Record<string, unknown> }>; blocks: { layer: { params: Record<string, { default: unknown; bind: unknown[] }> } } };
    const saved = async () => JSON.parse(await saveViaDownload(page)) as Saved;
    const links = async () => (await saved()).edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).filter((l) => /\b[ab]\./.test(l)).sort();
    const ports = page.getByTestId('breadcrumb-ports');

    await page.getByTestId('node-a').dblclick();
    await page.getByTestId('block-interface').waitFor();
    await page.getByTestId('port-input-x').fill('inp');
    await page.getByTestId('port-input-x').press('Enter');
    await expect.poll(() => ports.innerText()).toBe('in inp → d.x · out y ← d.y');
    expect(await links()).toEqual(['a.y->b.inp', 'b.y->logits.x', 'h1.y->a.inp']);
    await page.getByTestId('port-remove-output-y').click();
    await expect.poll(() => ports.innerText()).toBe('in inp → d.x');
    expect(await links()).toEqual(['h1.y->a.inp']);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => ports.innerText()).toBe('in x → d.x · out y ← d.y');
    expect(await links()).toEqual(['a.y->b.x', 'b.y->logits.x', 'h1.y->a.x']);

    // Unbind width from d.units, expose d.units as its own param, set its default: both instances follow.
    await page.getByTestId('param-unbind-width-d-units').click();
    await expect.poll(async () => (await saved()).blocks.layer.params.width!.bind).toEqual([]);
    await page.getByTestId('param-expose').selectOption({ label: 'd.units (int)' });
    await page.getByTestId('exposed-units').waitFor();
    await page.getByTestId('param-default-units').fill('16');
    await page.getByTestId('param-default-units').press('Enter');
    await page.getByTestId('breadcrumb-graph').click();
    await expect.poll(() => cost('a')).toBe('528 params'); // 32 -> 16
    expect(await cost('b')).toBe('272 params'); // 16 -> 16
    expect((await saved()).blocks.layer.params.units).toMatchObject({ default: 16, bind: [{ node: 'd', param: 'units' }] });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => cost('a')).toBe('1.06k params');
    expect((await saved()).blocks.layer.params.width!.bind).toEqual([{ node: 'd', param: 'units' }]);
    await done();
  });
});

/** Opens the run dock and trains the open graph 3 steps on wasm. */
async function trainThreeSteps(page: Page): Promise<void> {
    await page.getByTestId('run-dock-toggle').click();
    await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
    await page.getByTestId('run-backend').selectOption('wasm');
    await page.getByTestId('run-steps').fill('3');
    await page.getByTestId('run-start').click();
    await page.waitForSelector('[data-testid="run-status"][data-phase="done"]', { timeout: 120_000 });
}

describe('profiles of block instances', () => {
  it('after Profile, each instance draws a heat strip summing its flat nodes', async () => {
    const { page, done } = await openTwoInstances();
    await trainThreeSteps(page);
    await page.getByTestId('run-profile-start').click();
    await page.waitForSelector('[data-testid="run-profile-summary"][data-state="done"]', { timeout: 120_000 });
    for (const id of ['a', 'b']) {
      const strip = page.getByTestId(`node-heat-${id}`);
      await expect(strip.getAttribute('title')).resolves.toMatch(/^fwd [\d.]+ ms · bwd [\d.]+ ms · [\d.]+ % of step \(wasm\)$/);
      expect(Number(await strip.getAttribute('data-share'))).toBeGreaterThan(0);
    }
    await done();
  });
  it('shows the run values of the nodes inside an instance, by path', async () => {
    const { page, done } = await openGraph('biper-blobs.graph.json', readFileSync(`${ROOT}/graphs/biper-blobs.graph.json`, 'utf8'));
    await page.getByTestId('node-b1').click();
    await page.getByTestId('node-n1').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+g');
    await page.getByTestId('node-block1').waitFor();
    await trainThreeSteps(page);
    await expect.poll(() => page.getByTestId('node-run-block1').innerText()).toMatch(/\[0\] › b1 quantisationError [\d.]+/);
    await done();
  });
});

describe('block files', () => {
  it('exports an instance as .block.json, imports it into a new graph, refuses a recursive one naming the path', async () => {
    const { page, done } = await openGraph('gla-associative-recall.graph.json', GLA);
    await page.getByTestId('node-stack').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('block-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('glaLayer.block.json');
    const text = readFileSync(await file.path(), 'utf8');
    const parsed = JSON.parse(text) as { blocks: Record<string, unknown>; nodes: Record<string, { type: string }> };
    expect(Object.keys(parsed.blocks)).toEqual(['glaLayer']);
    expect(Object.values(parsed.nodes).map((n) => n.type)).toEqual(['block']);

    await page.getByTestId('btn-new').click();
    await expect.poll(() => page.locator('.nw-block').count()).toBe(0);
    const input = page.getByTestId('palette-import-block-file');
    await input.setInputFiles({ name: 'glaLayer.block.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByTestId('palette-block-glaLayer').waitFor();
    await expect.poll(() => page.locator('.nw-block').count()).toBe(1);
    await expect(page.locator('.nw-block').first().innerText()).resolves.toMatch(/GLA layers[\s\S]*×2/);

    const recursive = JSON.parse(text) as { blocks: { glaLayer: { nodes: Record<string, unknown> } } };
    recursive.blocks.glaLayer.nodes.again = { type: 'block', params: { block: 'glaLayer' }, position: { x: 0, y: 400 } };
    await input.setInputFiles({ name: 'bad.block.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(recursive)) });
    await expect
      .poll(() => page.getByTestId('notice-error').last().innerText())
      .toMatch(/Cannot import bad\.block\.json: block "glaLayer" contains itself: glaLayer › glaLayer/);
    expect(await page.locator('.nw-block').count()).toBe(1);
    await done();
  });
});

describe('block library', () => {
  it('saves a block to the library (IndexedDB) and adds it to another graph from the palette, after a reload too', async () => {
    const { page, done } = await openGraph('gla-associative-recall.graph.json', GLA);
    await page.getByTestId('node-stack').click();
    await page.getByTestId('block-save-library').click();
    await page.getByTestId('palette-library-glaLayer').waitFor();
    await page.reload();
    await page.getByTestId('btn-new').click();
    await expect.poll(() => page.locator('.nw-block').count()).toBe(0);
    await page.getByTestId('palette-library-glaLayer').dblclick();
    await expect.poll(() => page.locator('.nw-block').count()).toBe(1);
    await page.getByTestId('palette-block-glaLayer').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.nw-block').count()).toBe(0);
    await done();
  });

  it('renames and deletes library entries (asking first), and both survive a reload', async () => {
    const { page, done } = await openGraph('gla-associative-recall.graph.json', GLA);
    await page.getByTestId('node-stack').click();
    await page.getByTestId('block-save-library').click();
    const entry = page.getByTestId('palette-library-glaLayer');
    page.once('dialog', (d) => void d.accept('Recall layer'));
    await page.getByTestId('library-rename-glaLayer').click();
    await expect.poll(() => entry.innerText()).toMatch(/^Recall layer/);
    await page.reload();
    await expect.poll(() => entry.innerText()).toMatch(/^Recall layer/);
    // The block arrives under its new name.
    await page.getByTestId('btn-new').click();
    await entry.dblclick();
    await expect.poll(() => page.getByTestId('palette-block-glaLayer').innerText()).toMatch(/^Recall layer/);

    page.once('dialog', (d) => void d.dismiss());
    await page.getByTestId('library-delete-glaLayer').click();
    await page.reload();
    await entry.waitFor();
    expect(await libraryKeys(page)).toEqual(['glaLayer']);
    page.once('dialog', (d) => {
      expect(d.message()).toMatch(/Delete the block “Recall layer” .*cannot be undone/);
      void d.accept();
    });
    await page.getByTestId('library-delete-glaLayer').click();
    await expect.poll(() => entry.count()).toBe(0);
    expect(await libraryKeys(page)).toEqual([]);
    await page.reload();
    await page.getByTestId('palette').waitFor();
    expect(await entry.count()).toBe(0);
    await done();
  });
});
