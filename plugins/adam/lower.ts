import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type OptimiserRule } from '../../runtime/exec/sdk.ts';
import type { WeightSpec } from '../../runtime/sdk/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { optimiserOf, SlotStore, varFor } from '../_shared/slots.ts';
import { adamSpec } from './spec.ts';

/** Settings of {@link adamRule}. */
export interface AdamConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Decoupled weight decay (AdamW); 0 for plain Adam. */
  readonly weightDecay: number;
  /** Whether the decay applies to a weight (AdamW's opt-out rules). */
  readonly decays?: (key: string, w: tfc.Variable, spec: WeightSpec | undefined) => boolean;
}

/**
 * The Adam update, with optional decoupled decay applied first (PyTorch's AdamW order:
 * w ← w·(1 − lr·λ), then the Adam step). Bias correction counts updates per weight.
 */
export function adamRule(cfg: AdamConfig): OptimiserRule {
  const slots = new SlotStore();
  return {
    apply(grads, vars, lr, specs) {
      for (const [key, g] of Object.entries(grads)) {
        const w = varFor(vars, key);
        const m = slots.get(key, 'm', w);
        const v = slots.get(key, 'v', w);
        const t = slots.tick(key);
        const decay = cfg.weightDecay > 0 && (cfg.decays?.(key, w, specs?.[key]) ?? true);
        tf.tidy(() => {
          const mNew = tf.add(tf.mul(m, cfg.beta1), tf.mul(g, 1 - cfg.beta1));
          const vNew = tf.add(tf.mul(v, cfg.beta2), tf.mul(tf.square(g), 1 - cfg.beta2));
          m.assign(mNew);
          v.assign(vNew);
          const mHat = tf.div(mNew, 1 - cfg.beta1 ** t);
          const vHat = tf.div(vNew, 1 - cfg.beta2 ** t);
          const base = decay ? tf.mul(w, 1 - lr * cfg.weightDecay) : w;
          w.assign(tf.sub(base, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), cfg.eps)), lr)));
        });
      }
    },
    reset: () => {
      slots.clear();
    },
    dispose: () => {
      slots.clear();
    },
  };
}

/** Adam lowering. */
export const adamLowering = defineLowering(adamSpec, {
  id: adamSpec.id,
  optimiser: ({ params }) => optimiserOf(params, adamRule({ beta1: params.beta1, beta2: params.beta2, eps: params.eps, weightDecay: 0 })),
});
