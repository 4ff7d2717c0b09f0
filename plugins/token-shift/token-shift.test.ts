import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { tokenShiftLowering } from './lower.ts';
import { tokenShiftSpec } from './spec.ts';

runTestsOnWasm();

describe('token-shift', () => {
  it('infers the real shape and counts d·d + d params', () => {
    const r = expectShapesAsInferred(tokenShiftSpec, tokenShiftLowering, {}, { x: { shape: [2, 5, 3] } });
    expect(r.params).toBe(3 * 3 + 3);
  });

  it('adds a projection of the previous step, zeros before the first (by hand)', () => {
    const x = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    ]);
    const kernel = [1, 0.5, -1, 2]; // [[1, 0.5], [-1, 2]]
    const bias = [0.1, 0.2];
    const node = makeNode(tokenShiftSpec, tokenShiftLowering, {}, { x }, { kernel, bias });
    const y = node.apply({ x }).y!.dataSync();
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    rows.forEach((r, t) => {
      const p = t === 0 ? [0, 0] : rows[t - 1]!;
      const mix = [p[0]! * 1 + p[1]! * -1 + 0.1, p[0]! * 0.5 + p[1]! * 2 + 0.2];
      expect(y[2 * t]).toBeCloseTo(r[0]! + mix[0]!, 5);
      expect(y[2 * t + 1]).toBeCloseTo(r[1]! + mix[1]!, 5);
    });
    x.dispose();
    node.dispose();
  });
});
