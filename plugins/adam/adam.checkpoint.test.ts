import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { snapshotVariables } from '../../runtime/exec/variableSnapshot.ts';
import { adamRule } from './lower.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const config = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

describe('adam checkpoint (the trainer replays a readback interval with it)', () => {
  it('with the variables restored, puts the update counts back so that replayed steps equal the first ones', async () => {
    const before = tf.memory().numTensors;
    const rule = adamRule(config);
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -1, 2]), true, 'adamCheckpointW'));
    const step = (i: number): void => {
      tf.tidy(() => {
        rule.apply({ w: tf.tensor1d([0.3 * i, -0.2, 0.1 + i]) }, { w }, 0.01);
      });
    };
    for (let i = 1; i <= 3; i++) step(i);
    const snapshot = snapshotVariables();
    const restoreCounts = rule.checkpoint!();
    for (let i = 4; i <= 5; i++) step(i);
    const first = [...(await w.data())];
    expect(snapshot.restore().created).toBe(false);
    restoreCounts();
    for (let i = 4; i <= 5; i++) step(i);
    expect([...(await w.data())]).toEqual(first);
    // Without the counts the bias correction differs: the replay would not be exact.
    snapshot.restore();
    for (let i = 4; i <= 5; i++) step(i);
    expect([...(await w.data())]).not.toEqual(first);
    snapshot.dispose();
    rule.dispose();
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
