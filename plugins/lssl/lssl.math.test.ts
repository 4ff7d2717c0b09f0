/** Unit checks of the LSSL building blocks: HiPPO, GBT solves, kernel, FFT, initialisers. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import type { Tensor } from '@tensorflow/tfjs-core';
import { discretise, forwardSubstitution, gaussJordan } from './discretise.ts';
import { discretiseDevice } from './discretiseDevice.ts';
import { discretiseHost } from './discretiseHost.ts';
import { fft, ifft } from './fft.ts';
import { hippo, hippoMask } from './hippo.ts';
import { krylov, ssmKernel } from './kernel.ts';
import { lsslLowering } from './lower.ts';
import { lsslTestParams } from './lssl.testkit.ts';

runTestsOnWasm();

const close = (got: ArrayLike<number>, want: readonly number[], tol: number): void => {
  want.forEach((w, i) => { expect(Math.abs(got[i]! - w), `index ${i}`).toBeLessThan(tol); });
};

describe('HiPPO and GBT (spec §4 check values)', () => {
  it('gives the LegS and LegT matrices', () => {
    const s = hippo('legs', 4);
    close(s.A, [-1, 0, 0, 0, -1.732051, -2, 0, 0, -2.236068, -3.872983, -3, 0, -2.645751, -4.582576, -5.91608, -4], 1e-6);
    close(s.B, [1, 1.732051, 2.236068, 2.645751], 1e-6);
    const t = hippo('legt', 4);
    close(t.A.slice(0, 4), [-0.5, 0.866025, -1.118034, 1.322876], 1e-6);
    close(t.B, [0.5, 0.866025, 1.118034, 1.322876], 1e-6);
  });

  it('discretises LegS at dt = 0.1 (bilinear) and builds its kernel', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const { A, B } = hippo('legs', 4);
      const d = discretise(tf.tensor2d(Float32Array.from(A), [4, 4]), tf.tensor1d(Float32Array.from(B)), tf.tensor1d([0.1]), 0.5, true);
      const Ab = d.Abar.dataSync();
      close([Ab[0]!, Ab[4]!, Ab[15]!], [0.904762, -0.149961, 0.666667], 1e-6);
      close(d.Bbar.dataSync(), [0.095238, 0.149961, 0.15993, 0.141923], 1e-6);
      const K = ssmKernel(tf.ones([1, 1, 4]), d.Abar, d.Bbar, 4).dataSync();
      close(K, [0.547052, 0.223439, 0.063994, -0.004599], 1e-6);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('forward substitution and Gauss–Jordan agree with float64 at N = 64 (relative error < 1e-5)', () => {
    tf.tidy(() => {
      const N = 64;
      const { A } = hippo('legs', N);
      const dt = 0.1;
      // float64 forward substitution of M X = I as the reference.
      const M = A.map((a, i) => (Math.floor(i / N) === i % N ? 1 : 0) - 0.5 * dt * a);
      const X = new Float64Array(N * N);
      for (let c = 0; c < N; c++) {
        for (let r = 0; r < N; r++) {
          let s = r === c ? 1 : 0;
          for (let k = 0; k < r; k++) s -= M[r * N + k]! * X[k * N + c]!;
          X[r * N + c] = s / M[r * N + r]!;
        }
      }
      const Mt = tf.tensor3d(Float32Array.from(M), [1, N, N]);
      const I = tf.expandDims(tf.eye(N), 0);
      const scale = Math.max(...Array.from(X, Math.abs));
      for (const solve of [forwardSubstitution, gaussJordan]) {
        const got = solve(Mt, I).dataSync();
        const err = Math.max(...Array.from(got, (v, i) => Math.abs(v - X[i]!)));
        expect(err / scale).toBeLessThan(1e-5);
      }
    });
  });
});

describe('two-level kernel', () => {
  it('equals C·Krylov(Abar, Bbar) for lengths around powers of two', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const N = 8;
      const { A, B } = hippo('legs', N);
      const d = discretise(tf.tensor2d(Float32Array.from(A), [N, N]), tf.tensor1d(Float32Array.from(B)), tf.tensor1d([0.05, 0.7]), 0.5, true);
      const rng = createRng(5);
      const C = tf.tensor3d(Float32Array.from({ length: 2 * 3 * N }, () => rng.normal()), [2, 3, N]);
      for (const L of [1, 2, 3, 17, 64, 100]) {
        const want = tf.matMul(C, krylov(d.Abar, d.Bbar, L));
        const got = ssmKernel(C, d.Abar, d.Bbar, L);
        expect(got.shape).toEqual([2, 3, L]);
        const scale = Math.max(1, tf.max(tf.abs(want)).dataSync()[0]!);
        expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]! / scale, `L = ${L}`).toBeLessThan(1e-5);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * A HiPPO system of size N with A perturbed (seeded; kept to A's sparsity pattern when `masked`),
 * one copy per dt, and a random linear loss of (Abar, Bbar), for comparing discretisations.
 */
function perturbedSystem(measure: 'legs' | 'legt', N: number, seed: number, dts: readonly number[], masked: boolean) {
  const { A, B } = hippo(measure, N);
  const rng = createRng(seed);
  const rand = (shape: number[]): Tensor => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  const perturbed = tf.add(tf.tensor2d(Float32Array.from(A), [N, N]), tf.mul(rand([N, N]), 0.05));
  const At = masked ? tf.mul(perturbed, tf.tensor2d(hippoMask(measure, N), [N, N])) : perturbed;
  const RA = rand([dts.length, N, N]);
  const RB = rand([dts.length, N]);
  return {
    At,
    Bt: tf.tensor1d(Float32Array.from(B)),
    logDt: tf.tensor1d(dts.map(Math.log)),
    loss: (d: { Abar: Tensor; Bbar: Tensor }): Tensor => tf.add(tf.sum(tf.mul(d.Abar, RA)), tf.sum(tf.mul(d.Bbar, RB))),
  };
}

describe('host float64 discretisation with closed-form gradient', () => {
  for (const measure of ['legs', 'legt'] as const) {
    it(`matches the tensor solver in value and gradient (${measure}, α = 0.7)`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const { At, Bt, logDt, loss } = perturbedSystem(measure, 6, 3, [0.03, 0.4, 2], false);
        const viaHost = (a: Tensor, b: Tensor, l: Tensor): Tensor => loss(discretiseHost(a, b, l, 0.7));
        const viaTensor = (a: Tensor, b: Tensor, l: Tensor): Tensor => loss(discretise(a, b, tf.exp(l), 0.7, false));
        const gh = tf.grads(viaHost)([At, Bt, logDt]);
        const gt = tf.grads(viaTensor)([At, Bt, logDt]);
        expect(Math.abs(viaHost(At, Bt, logDt).dataSync()[0]! - viaTensor(At, Bt, logDt).dataSync()[0]!)).toBeLessThan(1e-4);
        gh.forEach((g, i) => {
          const scale = Math.max(1, tf.max(tf.abs(gt[i]!)).dataSync()[0]!);
          expect(tf.max(tf.abs(tf.sub(g, gt[i]!))).dataSync()[0]! / scale).toBeLessThan(1e-4);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('device float32 discretisation (GPU backends) with closed-form gradient', () => {
  for (const measure of ['legs', 'legt'] as const) {
    it(`matches the host float64 discretisation in value and gradient (${measure}, α = 0.6)`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const { At, Bt, logDt, loss } = perturbedSystem(measure, 8, 5, [0.01, 0.2, 1.5, 0.05], true);
        const viaHost = (a: Tensor, b: Tensor, l: Tensor): Tensor => loss(discretiseHost(a, b, l, 0.6));
        const viaDevice = (a: Tensor, b: Tensor, l: Tensor): Tensor => loss(discretiseDevice(a, b, l, 0.6, measure === 'legs'));
        const host = discretiseHost(At, Bt, logDt, 0.6);
        const device = discretiseDevice(At, Bt, logDt, 0.6, measure === 'legs');
        expect(tf.max(tf.abs(tf.sub(host.Abar, device.Abar))).dataSync()[0]!).toBeLessThan(1e-5);
        expect(tf.max(tf.abs(tf.sub(host.Bbar, device.Bbar))).dataSync()[0]!).toBeLessThan(1e-5);
        const gh = tf.grads(viaHost)([At, Bt, logDt]);
        const gd = tf.grads(viaDevice)([At, Bt, logDt]);
        gh.forEach((g, i) => {
          const scale = Math.max(1, tf.max(tf.abs(g)).dataSync()[0]!);
          expect(tf.max(tf.abs(tf.sub(g, gd[i]!))).dataSync()[0]! / scale).toBeLessThan(1e-5);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('matmul FFT', () => {
  for (const n of [8, 256, 2048]) {
    it(`matches a float64 DFT and inverts (n = ${n})`, () => {
      const before = tf.memory().numTensors;
      const rng = createRng(n);
      const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
      tf.tidy(() => {
        const X = fft({ re: tf.tensor2d(Float32Array.from(x), [2, n]) });
        const re = X.re.dataSync();
        const im = X.im.dataSync();
        let err = 0;
        for (const k of [0, 1, 3, n / 2, n - 1]) {
          let sr = 0;
          let si = 0;
          for (let j = 0; j < n; j++) {
            sr += x[n + j]! * Math.cos((2 * Math.PI * j * k) / n);
            si -= x[n + j]! * Math.sin((2 * Math.PI * j * k) / n);
          }
          err = Math.max(err, Math.abs(re[n + k]! - sr), Math.abs(im[n + k]! - si));
        }
        expect(err / Math.sqrt(n)).toBeLessThan(1e-5);
        const back = ifft(X).re.dataSync();
        expect(Math.max(...Array.from(back, (v, i) => Math.abs(v - x[i]!)))).toBeLessThan(1e-4);
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('lssl initWeights', () => {
  it('gives HiPPO A, B and seeded log-uniform dt within [dtMin, dtMax]', () => {
    const p = lsslTestParams({ dModel: 5, timescales: 3, stateSize: 4, measure: 'legt', dtMin: 1e-3, dtMax: 1e-1 });
    const ctx = (seed: number) => ({ nodeId: 'n', params: p, shapes: { outputs: {} }, data: {}, rng: createRng(seed) });
    const a = lsslLowering.initWeights!(ctx(1));
    const b = lsslLowering.initWeights!(ctx(1));
    const c = lsslLowering.initWeights!(ctx(2));
    expect(Array.from(a.log_dt!)).toEqual(Array.from(b.log_dt!));
    expect(Array.from(a.log_dt!)).not.toEqual(Array.from(c.log_dt!));
    expect(a.log_dt!.length).toBe(15);
    for (const v of a.log_dt!) {
      expect(v).toBeGreaterThanOrEqual(Math.log(1e-3) - 1e-6);
      expect(v).toBeLessThanOrEqual(Math.log(1e-1) + 1e-6);
    }
    close(a.A!, Array.from(hippo('legt', 4).A), 1e-6);
    close(a.B!, Array.from(hippo('legt', 4).B), 1e-6);
  });
});
