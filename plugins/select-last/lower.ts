import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { selectLastSpec } from './spec.ts';

/** Select-last forward (a slice, so gradients reach only the last step). */
export const selectLastLowering = defineLowering(selectLastSpec, {
  id: selectLastSpec.id,
  apply({ x }) {
    const t = x!;
    const size = t.shape.map((d, i) => (i === 1 ? 1 : d));
    const begin = t.shape.map((d, i) => (i === 1 ? d - 1 : 0));
    return { y: tf.squeeze(tf.slice(t, begin, size), [1]) };
  },
});
