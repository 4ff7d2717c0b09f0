/**
 * Equivalence of the three GLA forms (recurrent = parallel = chunkwise, spec §5.4) for
 * outputs, final state and gradients; streaming and stepping; extreme gates; leaks.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { glaForward, glaInitialState, glaOutput, glaStep } from './layer.ts';
import { GLA_WEIGHT_NAMES } from './projections.ts';
import { gradsOf, glaTestParams, glaTestWeights, glaValueAndGrads, randomTensor } from './gla.testkit.ts';

/** max|a − b| / max(1, max|b|). */
function relErr(a: Tensor, b: Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!);
    return diff / scale;
  });
}

runTestsOnWasm();

const d = 8;
const base = glaTestParams({ dModel: d, numHeads: 2 });

describe('gla forms agree (outputs, final state, gradients)', () => {
  const chunkings = [
    { chunkSize: 16, subChunkSize: 4 },
    { chunkSize: 8, subChunkSize: 8 },
    { chunkSize: 12, subChunkSize: 4 },
  ];
  const lengths = [1, 37, 16, 15, 17, 24];
  for (const L of lengths) {
    it(`L = ${L}`, () => {
      const before = tf.memory().numTensors;
      let worst = 0;
      tf.tidy(() => {
        const w = glaTestWeights(base, 11);
        const x = randomTensor([2, L, d], 12 + L);
        const cot = randomTensor([2, L, d], 13 + L);
        const ref = glaValueAndGrads(x, w, { ...base, mode: 'recurrent' }, cot);
        const refState = glaForward(x, w, { ...base, mode: 'recurrent' }).state;
        const others = [{ mode: 'parallel' as const }, ...chunkings.map((c) => ({ mode: 'chunk' as const, ...c }))];
        for (const o of others) {
          const p = { ...base, ...o };
          const got = glaValueAndGrads(x, w, p, cot);
          worst = Math.max(worst, relErr(got.y, ref.y), relErr(glaForward(x, w, p).state, refState));
          got.grads.forEach((g, i) => {
            const e = relErr(g, ref.grads[i]!);
            expect(e, `${JSON.stringify(o)} grad ${i === 0 ? 'x' : GLA_WEIGHT_NAMES[i - 1]}`).toBeLessThan(2e-5);
          });
        }
      });
      expect(worst).toBeLessThan(2e-5);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('stays finite and equal to the recurrence with extreme gates (b_a − 30, C = 64)', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const w = glaTestWeights(base, 21, -30);
      const x = randomTensor([1, 70, d], 22);
      const cot = randomTensor([1, 70, d], 23);
      const ref = glaValueAndGrads(x, w, { ...base, mode: 'recurrent' }, cot);
      const got = glaValueAndGrads(x, w, { ...base, mode: 'chunk', chunkSize: 64, subChunkSize: 16 }, cot);
      for (const t of [got.y, ...got.grads]) expect(tf.all(tf.isFinite(t)).dataSync()[0]).toBe(1);
      expect(relErr(got.y, ref.y)).toBeLessThan(2e-5);
      got.grads.forEach((g, i) => { expect(relErr(g, ref.grads[i]!)).toBeLessThan(2e-5); });
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('gla output without the final state (the lowering)', () => {
  // One chunk (the inter-chunk term is skipped), several chunks (the last state update is), other modes.
  const cases = [
    { L: 13, mode: 'chunk' as const, chunkSize: 64, subChunkSize: 16 },
    { L: 37, mode: 'chunk' as const, chunkSize: 16, subChunkSize: 4 },
    { L: 24, mode: 'chunk' as const, chunkSize: 8, subChunkSize: 8 },
    { L: 11, mode: 'parallel' as const, chunkSize: 64, subChunkSize: 16 },
    { L: 9, mode: 'recurrent' as const, chunkSize: 64, subChunkSize: 16 },
  ];
  for (const { L, ...o } of cases) {
    it(`${o.mode} C = ${o.chunkSize}, L = ${L}: y and gradients equal glaForward's`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const p = { ...base, ...o };
        const w = glaTestWeights(p, 51);
        const x = randomTensor([2, L, d], 52 + L);
        const cot = randomTensor([2, L, d], 53 + L);
        const ref = glaValueAndGrads(x, w, p, cot);
        const got = gradsOf((xx, ww) => glaOutput(xx, ww, p), GLA_WEIGHT_NAMES, x, w, cot);
        expect(relErr(glaOutput(x, w, p), ref.y)).toBeLessThan(1e-6);
        got.forEach((g, i) => {
          expect(relErr(g, ref.grads[i]!)).toBeLessThan(1e-6);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('gla streaming and stepping', () => {
  it('carrying the state over two pieces equals one pass', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const p = { ...base, chunkSize: 8, subChunkSize: 4 };
      const w = glaTestWeights(p, 31);
      const x = randomTensor([2, 29, d], 32);
      const whole = glaForward(x, w, p);
      const a = glaForward(tf.slice(x, [0, 0, 0], [2, 13, d]), w, p);
      const b = glaForward(tf.slice(x, [0, 13, 0], [2, 16, d]), w, p, a.state);
      expect(relErr(tf.concat([a.y, b.y], 1), whole.y)).toBeLessThan(1e-5);
      expect(relErr(b.state, whole.state)).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('glaStep, one token at a time, equals the chunkwise training form', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const p = { ...base, chunkSize: 16, subChunkSize: 4 };
      const w = glaTestWeights(p, 41);
      const L = 21;
      const x = randomTensor([2, L, d], 42);
      const full = glaForward(x, w, p);
      let state = glaInitialState(2, p);
      const ys: Tensor[] = [];
      for (let t = 0; t < L; t++) {
        const r = glaStep(state, tf.reshape(tf.slice(x, [0, t, 0], [2, 1, d]), [2, d]), w, p);
        ys.push(r.y);
        state = r.state;
      }
      expect(relErr(tf.stack(ys, 1), full.y)).toBeLessThan(1e-5);
      expect(relErr(state, full.state)).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
