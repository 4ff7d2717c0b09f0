import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { optimiserOf, SlotStore, varFor } from '../_shared/slots.ts';
import { sgdSpec } from './spec.ts';

/** SGD update rule; the momentum buffer is created on a weight's first update. */
export const sgdLowering = defineLowering(sgdSpec, {
  id: sgdSpec.id,
  optimiser({ params }) {
    const slots = new SlotStore();
    const mu = params.momentum;
    return optimiserOf(params, {
      apply(grads, vars, lr) {
        for (const [key, g] of Object.entries(grads)) {
          const w = varFor(vars, key);
          if (mu === 0) {
            tf.tidy(() => {
              w.assign(tf.sub(w, tf.mul(g, lr)));
            });
            continue;
          }
          const v = slots.get(key, 'momentum', w);
          tf.tidy(() => {
            const vNew = tf.add(tf.mul(v, mu), g);
            v.assign(vNew);
            const step = params.nesterov ? tf.add(g, tf.mul(vNew, mu)) : vNew;
            w.assign(tf.sub(w, tf.mul(step, lr)));
          });
        }
      },
      reset: () => {
        slots.clear();
      },
      dispose: () => {
        slots.clear();
      },
    });
  },
});
