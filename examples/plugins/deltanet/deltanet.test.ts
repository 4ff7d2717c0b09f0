import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatContractReport, runContract } from '../../../runtime/exec/contract/index.ts';
import { parseFixture, runFixture, type Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { tf } from '../../../runtime/exec/tf.ts';
import { loadPlugins } from '../../../cli/loadPlugins.ts';
import { loadGraph } from '../../../runtime/file/load.ts';
import { serializeGraph } from '../../../runtime/file/serialize.ts';
import { lowerings, specs } from './index.ts';
import { deltanetLowering } from './lower.ts';
import { deltanetSpec } from './spec.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const dir = new URL('./fixtures/examples.deltanet/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string): Fixture => parseFixture(readFileSync(new URL(file, dir), 'utf8'));
const plugin = { spec: deltanetSpec, lowering: deltanetLowering };

/** β of every (example, step, head) of a fixture, from its own weights and inputs. */
function betas(fx: Fixture): number[] {
  const x = fx.inputs.x!;
  const [, , d] = x.shape as [number, number, number];
  const w = fx.weights!.wBeta!;
  const bias = fx.weights!.bBeta!.data;
  const heads = bias.length;
  const scale = fx.params.negativeEigenvalues === true ? 2 : 1;
  const out: number[] = [];
  for (let r = 0; r < x.data.length / d; r++) {
    for (let h = 0; h < heads; h++) {
      let z = bias[h]!;
      for (let i = 0; i < d; i++) z += x.data[r * d + i]! * w.data[i * heads + h]!;
      out.push(scale / (1 + Math.exp(-z)));
    }
  }
  return out;
}

describe('examples.deltanet', () => {
  it('exports one spec and its lowering, and passes the contract suite', async () => {
    expect(specs.map((s) => s.id)).toEqual(['examples.deltanet']);
    const report = await runContract(specs[0]!, lowerings[0]);
    expect(report.ok, formatContractReport(report)).toBe(true);
  });

  it.each(fixtures)('matches the float64 reference: %s', async (file) => {
    const before = tf.memory().numTensors;
    const report = await runFixture(load(file), plugin);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exercises negative eigenvalues (1 − β < 0) in the negative-eigenvalue fixture, and only there', () => {
    const negative = betas(load('negative-eigenvalues.json'));
    const unit = betas(load('unit-range.json'));
    expect(negative.filter((b) => b > 1.2).length).toBeGreaterThan(negative.length / 4);
    expect(Math.max(...unit)).toBeLessThan(1);
  });

  it('tells the two variants apart: the negative fixture fails with β in (0, 1)', async () => {
    const report = await runFixture(load('negative-eigenvalues.json'), plugin, { paramOverrides: { negativeEigenvalues: false } });
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.path === 'outputs.y')?.ok).toBe(false);
  });

  it('ships two parity graphs that load canonically and differ only in negativeEigenvalues', async () => {
    const { registry } = await loadPlugins([new URL('.', import.meta.url).pathname]);
    const params: unknown[] = [];
    for (const file of ['parity.graph.json', 'parity-unit.graph.json']) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      const r = loadGraph(text, registry);
      expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
      if (!r.ok) return;
      expect(serializeGraph(r.doc, registry)).toBe(text);
      expect(r.doc.meta.description).toMatch(/accuracy/);
      params.push(r.doc.nodes.rnn?.params);
    }
    expect(params).toEqual([
      { heads: 8, headDim: 4, units: 16, negativeEigenvalues: true },
      { heads: 8, headDim: 4, units: 16, negativeEigenvalues: false },
    ]);
  });
});
