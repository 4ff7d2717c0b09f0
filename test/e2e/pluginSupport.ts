/** Third-party plugin helpers shared by the e2e files: the Snake module, a graph using it, installing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './harness.ts';

/** The standalone Snake plugin module's code. */
export const snakeCode = readFileSync(join(ROOT, 'examples/plugins/snake/snake.plugin.js'), 'utf8');

/** Two spirals with a Snake activation between the hidden layers, its lock naming Snake `savedWith`. */
export function spiralsWithSnake(steps: number, savedWith: string): string {
  const g = JSON.parse(readFileSync(join(ROOT, 'graphs/two-spirals-mlp.graph.json'), 'utf8')) as {
    plugins: Record<string, unknown>;
    nodes: Record<string, { type: string; params?: Record<string, unknown>; position: { x: number; y: number } }>;
    edges: { from: { node: string; port: string }; to: { node: string; port: string } }[];
    meta: Record<string, unknown>;
  };
  g.meta.title = 'Spirals with Snake';
  g.plugins['examples.snake'] = { version: savedWith, migration: 0 };
  g.nodes.snake = { type: 'examples.snake', params: { alpha: 2 }, position: { x: 300, y: 400 } };
  g.nodes.opt!.params!.steps = steps;
  g.edges = g.edges.filter((e) => !(e.from.node === 'h1' && e.to.node === 'h2'));
  g.edges.push({ from: { node: 'h1', port: 'y' }, to: { node: 'snake', port: 'x' } }, { from: { node: 'snake', port: 'y' }, to: { node: 'h2', port: 'x' } });
  return JSON.stringify(g, null, 2);
}

/**
 * Two spirals with a node `layer` of plugin `type` (a layer with ports x -> y, such as the
 * scaffold's) between the hidden layers, its lock naming `version`, training `steps` steps.
 */
export function spiralsWithLayer(type: string, version: string, steps: number): string {
  const g = JSON.parse(spiralsWithSnake(steps, '1.0.0')) as { plugins: Record<string, unknown>; nodes: Record<string, { type: string; params?: Record<string, unknown> }> };
  delete g.plugins['examples.snake'];
  g.plugins[type] = { version, migration: 0 };
  g.nodes.snake = { ...g.nodes.snake!, type, params: {} };
  return JSON.stringify(g, null, 2).replaceAll('"snake"', '"layer"');
}

/**
 * How long to wait for an install (an import, the registry rebuilt, the open graph re-read,
 * IndexedDB written): `expect.poll` gives up after 1 s by default, too short on a loaded CI machine.
 */
export const INSTALL_WAIT = { timeout: 30_000 };

/**
 * Installs a module from a local file through the Plugins dialog: checks that the
 * confirmation names the file and its SHA-256, confirms, waits for its row, closes the dialog.
 */
export async function installFromFile(page: Page, name: string, code: string, sha256: string): Promise<void> {
  await page.getByTestId('btn-plugins').click();
  await page.getByTestId('plugin-file').setInputFiles({ name, mimeType: 'text/javascript', buffer: Buffer.from(code) });
  await expect.poll(() => page.getByTestId('plugin-confirm-source').innerText()).toBe(name);
  await expect(page.getByTestId('plugin-confirm-sha').innerText()).resolves.toBe(sha256);
  await page.getByTestId('plugin-confirm-run').click();
  await expect.poll(() => page.getByTestId('plugin-row').last().innerText(), INSTALL_WAIT).toContain(name);
  await page.getByRole('dialog', { name: 'Plugins' }).getByRole('button', { name: 'Close' }).click();
}
