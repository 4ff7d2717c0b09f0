import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { classCounts, concreteShape, makeSource, readBatch, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { generateTwoSpirals, twoSpiralsLowering } from './lower.ts';
import { twoSpiralsSpec } from './spec.ts';

runTestsOnWasm();

const params = { samples: 200, noise: 0.05, seed: 5 };

describe('two-spirals', () => {
  it('yields batches of the inferred shapes and dtypes, without leaking', () => {
    const before = tf.memory().numTensors;
    const { shapes, source } = makeSource(twoSpiralsSpec, twoSpiralsLowering, params);
    const b = source.batch('train', 0, 16);
    expect(b.x!.shape).toEqual(concreteShape(shapes.outputs.x, 16));
    expect(b.y!.shape).toEqual(concreteShape(shapes.outputs.y, 16));
    expect(b.y!.dtype).toBe('int32');
    tf.dispose(Object.values(b));
    source.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = makeSource(twoSpiralsSpec, twoSpiralsLowering, params).source;
    const b = makeSource(twoSpiralsSpec, twoSpiralsLowering, params).source;
    const c = makeSource(twoSpiralsSpec, twoSpiralsLowering, { ...params, seed: 6 }).source;
    for (const i of [0, 3, 11]) {
      const ba = readBatch(a.batch('train', i, 32));
      expect(readBatch(b.batch('train', i, 32))).toEqual(ba);
      expect(readBatch(c.batch('train', i, 32)).x!.data).not.toEqual(ba.x!.data);
    }
  });

  it('splits with exact class balance and covers each split once per epoch', () => {
    const { source } = makeSource(twoSpiralsSpec, twoSpiralsLowering, params);
    expect(source.size).toEqual({ train: 160, eval: 40 });
    const ev = readBatch(source.all('eval'));
    expect(classCounts(ev.y!.data)).toEqual(
      new Map([
        [0, 20],
        [1, 20],
      ]),
    );
    const epoch0 = readBatch(source.batch('train', 0, 160)).x!.data;
    const epoch1 = readBatch(source.batch('train', 1, 160)).x!.data;
    // Same examples, new order: the second epoch is reshuffled.
    expect(epoch1).not.toEqual(epoch0);
    const key = (d: number[]): string[] =>
      d.reduce<string[]>((acc, v, i) => (i % 2 ? acc : [...acc, `${v},${d[i + 1]}`]), []).sort();
    expect(key(epoch1)).toEqual(key(epoch0));
  });

  it('puts noiseless points on the spirals, class 1 opposite class 0', () => {
    const ds = generateTwoSpirals(100, 0, 1.5, 9);
    const x = ds.columns.x!.data;
    for (let i = 0; i < 100; i++) {
      const r = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      // The angle of the point, unwound, equals r · turns · 2π (plus π for class 1).
      const angle = Math.atan2(x[2 * i + 1]!, x[2 * i]!) - (i % 2 ? Math.PI : 0);
      const expected = r * 1.5 * 2 * Math.PI;
      const diff = ((((angle - expected) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
      expect(Math.abs(diff)).toBeLessThan(1e-4);
    }
  });
});
