/**
 * The worker's plugin loader, run in Node: modules arrive as code (the confirmed code) and are
 * imported from that text; lowerings are added after the built-ins with the worker's tf, run,
 * and failures name the module.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../runtime/compile/hash.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadPluginLowerings } from './pluginLoader.ts';
import snakeCode from '../examples/plugins/snake/snake.plugin.js?raw';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});


describe('worker plugin loader', () => {
  it('adds a standalone module lowering that runs on the worker tf', async () => {
    const { lowerings, loaded } = await loadPluginLowerings([{ source: 'snake.plugin.js', code: snakeCode }]);
    expect(loaded).toEqual([{ source: 'snake.plugin.js', plugins: [{ id: 'examples.snake', version: '1.0.0' }] }]);
    const lowering = lowerings.find((l) => l.id === 'examples.snake')!;
    expect(lowerings.length).toBeGreaterThan(40); // the built-ins come first
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => lowering.apply!({ x: tf.tensor2d([[0, 1]]) }, { weights: { alpha: tf.tensor1d([1, 2]) } } as never).y!.dataSync());
    expect(y[0]).toBeCloseTo(0, 6);
    expect(y[1]).toBeCloseTo(1 + Math.sin(2) ** 2 / 2, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the module when it fails to load, has the wrong shape or clashes with a built-in', async () => {
    await expect(loadPluginLowerings([{ source: 'broken.js', code: 'export default () => { throw new Error("nope"); };' }])).rejects.toThrow(
      'plugin module broken.js: its default export threw: nope',
    );
    await expect(loadPluginLowerings([{ source: 'syntax.js', code: 'export const = 1;' }])).rejects.toThrow(/plugin module syntax\.js: failed to load in the engine worker/);
    const clash = `export const specs = [{ id: 'dense', version: '9.0.0', infer() {} }]; export const lowerings = [{ id: 'dense', apply() {} }];`;
    await expect(loadPluginLowerings([{ source: 'clash.js', code: clash }])).rejects.toThrow('plugin "dense" of clash.js is already provided by the built-in plugins');
  });

  it('imports the code it was sent, refusing code that is not the confirmed code, and never fetches', async () => {
    const code = `export default ({ definePlugin }) => ({ specs: [], lowerings: [] }); // v1`;
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((u: string) => {
      fetched.push(u);
      return Promise.reject(new Error('no fetch in the worker loader'));
    }) as typeof fetch;
    try {
      const ok = await loadPluginLowerings([{ source: 'pinned.js', code, sha256: sha256Hex(code) }]);
      expect(ok.loaded).toEqual([{ source: 'pinned.js', plugins: [] }]);
      await expect(loadPluginLowerings([{ source: 'pinned.js', code, sha256: sha256Hex(`${code} v2`) }])).rejects.toThrow(
        /plugin module pinned\.js: changed since it was confirmed \(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\), so the engine worker did not run it/,
      );
      // A module sent by URL only (the old protocol) is refused, not fetched and imported unchecked.
      await expect(loadPluginLowerings([{ source: 'by-url.js', url: 'http://x.test/m.js' } as never])).rejects.toThrow(/by-url\.js: came without its code/);
      expect(fetched).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
