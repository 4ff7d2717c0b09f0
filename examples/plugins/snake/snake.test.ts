/**
 * The standalone Snake module, loaded the way every host loads it (its default export called
 * with the host SDK): contract suite, and a fixture computed here in float64 from the paper's
 * formula (plain loops, analytic gradients), never from the plugin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatContractReport, runContract } from '../../../runtime/exec/contract/index.ts';
import { parseFixture, runFixture } from '../../../runtime/exec/fixtures/index.ts';
import { tf } from '../../../runtime/exec/tf.ts';
import { importPluginModule } from '../../../cli/loadPlugins.ts';
import { createPluginSdk, resolvePluginModule } from '../../../runtime/host/pluginModule.ts';
import * as snakeModule from './snake.plugin.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** y = x + sin²(αx)/α and the gradients of sum(y · cot) for x [rows, n]. */
function reference(x: number[], alpha: number[], cot: number[], n: number) {
  const y: number[] = [];
  const gx: number[] = [];
  const ga = new Array<number>(n).fill(0);
  x.forEach((v, i) => {
    const a = alpha[i % n]!;
    const s = Math.sin(a * v);
    const c = Math.cos(a * v);
    y.push(v + (s * s) / a);
    gx.push(cot[i]! * (1 + 2 * s * c)); // d/dx: 1 + sin(2αx)
    ga[i % n]! += cot[i]! * ((2 * v * s * c) / a - (s * s) / (a * a));
  });
  return { y, gx, ga };
}

describe('examples.snake (standalone module)', () => {
  it('resolves through the host SDK; the page SDK refuses tf only when a lowering runs', () => {
    const page = resolvePluginModule(snakeModule, 'snake.plugin.js', createPluginSdk());
    expect(page.specs.map((s) => `${s.id} ${s.version}`)).toEqual(['examples.snake 1.0.0']);
    const before = tf.memory().numTensors;
    const alpha = tf.ones([2]);
    const ctx = { weights: { alpha } } as never;
    expect(() => tf.tidy(() => page.lowerings[0]!.apply!({ x: tf.ones([1, 2]) }, ctx))).toThrow(/tf\.sin was used .* tensors exist only in the engine worker/);
    alpha.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes the contract suite and a float64 fixture, forward and backward', async () => {
    const { specs, lowerings } = await importPluginModule('examples/plugins/snake/snake.plugin.js');
    const spec = specs[0]!;
    const lowering = lowerings[0]!;
    const report = await runContract(spec, lowering);
    expect(report.ok, formatContractReport(report)).toBe(true);

    const n = 3;
    const x = [0.5, -1.2, 2.4, 3.1, 0.05, -0.75];
    const alpha = [0.7, 2.5, 10];
    const cot = [1, -0.5, 2, 0.25, 1, -1];
    const r = reference(x, alpha, cot, n);
    const t = (shape: number[], data: number[]) => ({ shape, data });
    const fixture = parseFixture(
      JSON.stringify({
        format: 'netwright.fixture',
        version: 1,
        plugin: spec.id,
        call: 'apply',
        name: 'examples.snake/basic',
        params: { alpha: 1 },
        mode: 'eval',
        weights: { alpha: t([n], alpha) },
        inputs: { x: t([2, n], x) },
        cotangents: { y: t([2, n], cot) },
        expect: { outputs: { y: t([2, n], r.y) }, grads: { inputs: { x: t([2, n], r.gx) }, weights: { alpha: t([n], r.ga) } } },
        tolerance: { atol: 2e-5, rtol: 2e-5 },
      }),
    );
    const checked = await runFixture(fixture, { spec, lowering });
    expect(checked.ok, JSON.stringify(checked, null, 1)).toBe(true);
  });
});
