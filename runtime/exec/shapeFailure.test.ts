import { beforeAll, describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import type { AnyPluginLowering } from '../lower/lowering.ts';
import { runContract } from './contract/index.ts';
import { forward } from './executor.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import { indexLowerings } from './lowerings.ts';
import { createWeights } from './weights.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** The test dense layer with a shape bug: it multiplies by the transposed kernel. */
const buggyDense: AnyPluginLowering = {
  ...testLowerings.find((l) => l.id === 't.dense')!,
  apply: ({ x }, { weights }) => ({ y: tf.matMul(x!, tf.transpose(weights.kernel!)) }),
};

describe('a shape bug in a lowering', () => {
  it('names the node, the shapes its ports and weights had and the output shape its spec inferred, without leaks', () => {
    const plan = classifierPlan();
    const lowerings = indexLowerings(testLowerings.map((l) => (l.id === 't.dense' ? buggyDense : l)));
    const store = createWeights(plan, lowerings, 1);
    const x = tf.tensor2d([[1, 2]]);
    const y = tf.tensor2d([[1, 0]]);
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      forward(plan, lowerings, { weights: store.weights, state: store.state, feeds: { data: { x, y } }, training: false, step: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetwrightError);
    const e = err as NetwrightError;
    expect(e.code).toBe('ENGINE_NODE_FAILED');
    expect(e.message).toMatch(/^node "h" \(t\.dense\) failed with a shape error in its lowering: .*matMul.*\. It got inputs "x" \[1, 2\], weights "kernel" \[2, \d+\], "bias" \[\d+\]; its spec inferred output "y" float32 \[\?, \d+\]/);
    expect(e.target).toEqual({ node: 'h', port: 'y' });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    store.dispose();
  });

  it('is named the same way by the contract suite (plugin-check), with the port and the inferred shape', async () => {
    const spec = testSpecs.find((s) => s.id === 't.dense')!;
    const report = await runContract(spec, buggyDense, { only: ['shapes'], examples: [{ params: { units: 3 }, inputs: { x: { shape: [2, 4] } } }] });
    const shapes = report.checks.find((c) => c.name === 'shapes')!;
    expect(shapes.ok).toBe(false);
    expect(shapes.message).toMatch(/failed with a shape error in its lowering: .*It got inputs "x" \[\d+, \d+\], weights "kernel" \[\d+, \d+\].*its spec inferred output "y" float32 \[\?, \d+\]/);
  });
});
