import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { selectLastLowering } from './lower.ts';
import { selectLastSpec } from './spec.ts';

runTestsOnWasm();

describe('select-last', () => {
  it.each([[[2, 5, 3]], [[1, 1, 4]], [[2, 3, 2, 2]]])('infers the real shape for %j', (shape) => {
    expectShapesAsInferred(selectLastSpec, selectLastLowering, {}, { x: { shape } });
  });

  it('picks the last step of each sequence', () => {
    const x = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    const node = makeNode(selectLastSpec, selectLastLowering, {}, { x });
    expect(Array.from(node.apply({ x }).y!.dataSync())).toEqual([3, 4, 7, 8]);
    x.dispose();
  });
});
