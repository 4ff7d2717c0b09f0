import { describe, expect, it } from 'vitest';
import { tf } from './tf.ts';
import { seededValues, useWasmBackend } from '../../test/support/wasmVsCpu.ts';

useWasmBackend();

type Op = 'add' | 'sub' | 'mul' | 'div';

/** Row-major index of `shape` broadcast from the output index `i` of `out`. */
function broadcastIndex(i: number, out: readonly number[], shape: readonly number[]): number {
  let rest = i;
  let idx = 0;
  let stride = 1;
  const coords: number[] = [];
  for (let k = out.length - 1; k >= 0; k--) {
    coords[k] = rest % out[k]!;
    rest = Math.floor(rest / out[k]!);
  }
  for (let k = shape.length - 1; k >= 0; k--) {
    const c = shape[k] === 1 ? 0 : coords[k + out.length - shape.length]!;
    idx += c * stride;
    stride *= shape[k]!;
  }
  return idx;
}

/** Float64 gradients of Σ op(a, b)·dy with respect to a and b, broadcasting like tfjs. */
function reference(
  op: Op,
  a: Float32Array,
  as: number[],
  b: Float32Array,
  bs: number[],
  dy: Float32Array,
  out: number[],
): [number[], number[]] {
  const da = new Array<number>(a.length).fill(0);
  const db = new Array<number>(b.length).fill(0);
  for (let i = 0; i < dy.length; i++) {
    const ia = broadcastIndex(i, out, as);
    const ib = broadcastIndex(i, out, bs);
    const [x, y, g] = [a[ia]!, b[ib]!, dy[i]!];
    const [ga, gb] =
      op === 'add'
        ? [g, g]
        : op === 'sub'
          ? [g, -g]
          : op === 'mul'
            ? [g * y, g * x]
            : [g / y, (-g * x) / (y * y)];
    da[ia]! += ga;
    db[ib]! += gb;
  }
  return [da, db];
}

function close(got: ArrayLike<number>, want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => {
    expect(got[i]).toBeCloseTo(w, 4);
  });
}

/** Kernels run by `f` under the profiler, by name. */
async function kernelsOf(f: () => void): Promise<Map<string, number>> {
  const info = await tf.profile(f);
  const counts = new Map<string, number>();
  for (const k of info.kernels) counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
  return counts;
}

describe('lean tape: the gradients of tfjs with fewer kernels', () => {
  const pairs: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[2, 3], [3]],
    [[3], [2, 3]],
    [
      [2, 1, 3],
      [4, 1],
    ],
    [[], [2, 3]],
    [
      [1, 3],
      [2, 1],
    ],
  ];
  for (const backend of ['wasm', 'cpu']) {
    it(`add, sub, mul, div and square give the math's gradients with broadcasting (${backend})`, async () => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      for (const [i, [as, bs]] of pairs.entries()) {
        const out = tf.broadcast_util.assertAndGetBroadcastShape(as, bs);
        const a = seededValues(as, i);
        // Away from zero, for the division.
        const b = seededValues(bs, 10 + i, (v) => (v >= 0 ? v + 0.5 : v - 0.5));
        const dy = seededValues(out, 20 + i);
        for (const op of ['add', 'sub', 'mul', 'div'] as const) {
          const [ga, gb] = tf.tidy(() => {
            const f = (x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
              tf.sum(tf.mul(tf[op](x, y), tf.tensor(dy, out)));
            return tf
              .grads(f)([tf.tensor(a, as), tf.tensor(b, bs)])
              .map((g) => g.dataSync());
          });
          const [wa, wb] = reference(op, a, as, b, bs, dy, out);
          close(ga!, wa);
          close(gb!, wb);
        }
        const gs = tf.tidy(() =>
          tf
            .grad((x: tf.Tensor) => tf.sum(tf.mul(tf.square(x), tf.tensor(dy.slice(0, a.length), as))))(
              tf.tensor(a, as),
            )
            .dataSync(),
        );
        close(
          gs,
          Array.from(a, (x, k) => 2 * x * dy[k]!),
        );
      }
      expect(tf.memory().numTensors).toBe(before);
      await tf.setBackend('wasm');
    });
  }

  it('sum and mean spread dy over the reduced axes; relu passes it where x > 0', () => {
    const before = tf.memory().numTensors;
    const shape = [2, 3, 4];
    const x = seededValues(shape, 7);
    const cases: { axis: number[]; keepDims: boolean }[] = [
      { axis: [1], keepDims: false },
      { axis: [0, 2], keepDims: true },
      { axis: [0, 1, 2], keepDims: false },
      { axis: [2], keepDims: true },
    ];
    for (const { axis, keepDims } of cases) {
      const outShape = shape.map((d, i) => (axis.includes(i) ? 1 : d));
      const dy = seededValues(outShape, 8);
      const n = axis.reduce((p, a) => p * shape[a]!, 1);
      for (const op of ['sum', 'mean'] as const) {
        const g = tf.tidy(() => {
          const f = (t: tf.Tensor): tf.Tensor =>
            tf.sum(
              tf.mul(
                tf[op](t, axis, keepDims),
                tf.tensor(dy, keepDims ? outShape : outShape.filter((_, i) => !axis.includes(i))),
              ),
            );
          return tf.grad(f)(tf.tensor(x, shape)).dataSync();
        });
        const want = Array.from(
          x,
          (_, i) => dy[broadcastIndex(i, shape, outShape)]! / (op === 'mean' ? n : 1),
        );
        close(g, want);
      }
    }
    const r = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), 3)))(tf.tensor(x, shape))
        .dataSync(),
    );
    close(
      r,
      Array.from(x, (v) => (v > 0 ? 3 : 0)),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a gradient that is dy itself is a tensor of its own: a tensor used twice sums right', () => {
    const [dx, dy] = tf.tidy(() => {
      // d/dx of (x + y) + x is 2 and d/dy is 1: the Add's gradient for x is added to again.
      const f = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.sum(tf.add(tf.add(x, y), x));
      return tf
        .grads(f)([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])])
        .map((g) => g.dataSync());
    });
    expect(Array.from(dx!)).toEqual([2, 2]);
    expect(Array.from(dy!)).toEqual([1, 1]);
  });

  it('saves tensors for the backward pass without Identity kernels, and frees them after it', async () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]));
    const x = tf.tensor2d([0.5, -1, 2, 1], [2, 2]);
    const before = tf.memory().numTensors;
    let grad: number[] = [];
    const kernels = await kernelsOf(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(tf.add(tf.matMul(x, w), 1), tf.square(w))),
        [w],
      );
      grad = Array.from(grads[w.name]!.dataSync());
      tf.dispose([value, grads[w.name]!]);
    });
    expect(kernels.get('Identity') ?? 0).toBe(0);
    expect(kernels.get('Cast') ?? 0).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    // y = (x·w + 1) ⊙ w²: dL/dw = xᵀ·w² + 2w ⊙ (x·w + 1).
    const xw = [0.5 * 1 - 1 * 3, 0.5 * 2 - 1 * 4, 2 * 1 + 1 * 3, 2 * 2 + 1 * 4];
    const w2 = [1, 4, 9, 16];
    const xtw2 = [
      0.5 * w2[0]! + 2 * w2[2]!,
      0.5 * w2[1]! + 2 * w2[3]!,
      -1 * w2[0]! + 1 * w2[2]!,
      -1 * w2[1]! + 1 * w2[3]!,
    ];
    close(
      grad,
      xtw2.map((v, i) => v + 2 * [1, 2, 3, 4][i]! * (xw[i]! + 1)),
    );
    tf.dispose([w, x]);
  });
});
