import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import type { Fixture } from '../../runtime/exec/fixtures/index.ts';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { apMaskLowering } from './lower.ts';
import { apMaskSpec } from './spec.ts';

const plugin = { spec: apMaskSpec, lowering: apMaskLowering };
const shared = loadFixtures(join(SHARED_FIXTURES, 'apmask'));
const own = loadFixtures(join(import.meta.dirname, 'fixtures'));

/**
 * The `dnr` fixtures ask for |Δ| ≤ 1e-9, below float32 resolution (17/48 is 1e-8 from its
 * float32 value), and tfjs tensors are float32. What a float32 plugin can do is return the
 * correctly rounded ratio; this checks exactly that: every output equals fround(expected).
 */
function dnrExactInFloat32(fx: Fixture): void {
  const dnr = apMaskLowering.calls?.dnr;
  if (!dnr) throw new Error('apmask has no dnr call');
  const inputs = Object.fromEntries(Object.entries(fx.inputs).map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));
  const out = dnr({} as never, inputs);
  for (const [port, want] of Object.entries(fx.expect.outputs ?? {})) {
    const got = out[port];
    expect(got?.shape, port).toEqual(want.shape);
    expect(Array.from(got!.dataSync()), port).toEqual(want.data.map((v) => Math.fround(v)));
  }
  tf.dispose([...Object.values(inputs), ...Object.values(out)]);
}

describe.each(NODE_BACKENDS)('apmask fixtures on %s', (backend) => {
  it('has the shared dnr and pruneCycle fixtures', () => {
    expect(shared.map((f) => f.fixture.call).sort()).toEqual(['dnr', 'pruneCycle']);
  });
  it.each([...shared, ...own].map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(leaked).toBe(0);
    if (fixture.call === 'dnr' && fixture.tolerance.atol < 1e-7) {
      // only the sub-float32 tolerance may fail, and by no more than float32 rounding
      for (const c of report.checks) expect(c.maxAbsError, describeReport(report)).toBeLessThan(3e-8);
      const before = tf.memory().numTensors;
      dnrExactInFloat32(fixture);
      expect(tf.memory().numTensors).toBe(before);
      return;
    }
    expect(report.ok, describeReport(report)).toBe(true);
  });
});
