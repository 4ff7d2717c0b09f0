/** The `token-shift` node's step form: the state is the previous token's x (zeros before the first). */
import { defineStepForm } from '../../runtime/exec/sequence/stepForm.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { tokenShiftSpec } from './spec.ts';

/** y_t = x_t + x_{t-1}·K + b, with x_{t-1} carried as the state `prev` [B, 1, d]. */
export const tokenShiftStepForm = defineStepForm(tokenShiftSpec, {
  initial: (batch, ctx) => ({ prev: tf.zeros([batch, 1, ctx.weights.kernel!.shape[0]]) }),
  step({ x }, { prev }, { weights }) {
    const [b, , d] = x!.shape as [number, number, number];
    const mixed = tf.reshape(tf.matMul(tf.reshape(prev!, [b, d]), weights.kernel!), [b, 1, d]);
    return { outputs: { y: tf.add(x!, tf.add(mixed, weights.bias!)) }, state: { prev: tf.clone(x!) } };
  },
});
