import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type OptimiserRule } from '../../runtime/exec/sdk.ts';
import type { WeightSpec } from '../../runtime/sdk/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { assignFlat, FlatSlots, flatten } from '../_shared/flatSlots.ts';
import { optimiserOf, varFor } from '../_shared/slots.ts';
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
 * The weights of one call are updated together through flat slots (one kernel per operation
 * for all of them, docs/adr/0006), with the bias corrections folded into host scalars:
 * w ← w − α_t · m / (√v + ε̂_t), α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), ε̂_t = ε·√(1−β₂ᵗ), which is
 * lr · m̂ / (√v̂ + ε) rearranged.
 */
export function adamRule(cfg: AdamConfig): OptimiserRule {
  const slots = new FlatSlots(['m', 'v']);
  let constants: Record<'beta1' | 'oneMinusBeta1' | 'beta2' | 'oneMinusBeta2', tfc.Scalar> | undefined;
  // The scalars every step uses, uploaded once per rule.
  const scalars = (): NonNullable<typeof constants> =>
    (constants ??= {
      beta1: tf.keep(tf.scalar(cfg.beta1)),
      oneMinusBeta1: tf.keep(tf.scalar(1 - cfg.beta1)),
      beta2: tf.keep(tf.scalar(cfg.beta2)),
      oneMinusBeta2: tf.keep(tf.scalar(1 - cfg.beta2)),
    });
  return {
    apply(grads, vars, lr, specs) {
      const entries = Object.keys(grads).map((key) => {
        const w = varFor(vars, key);
        const decay = cfg.weightDecay > 0 && (cfg.decays?.(key, w, specs?.[key]) ?? true);
        return { key, size: w.size, kind: decay ? 'decay' : '' };
      });
      const c = scalars();
      for (const group of slots.groups(entries)) {
        const t = ++group.count;
        const ws = group.keys.map((k) => vars[k]!);
        const { m, v } = group.slots as { m: tfc.Variable; v: tfc.Variable };
        tf.tidy(() => {
          const g = flatten(group.keys.map((k) => grads[k]!));
          const mNew = tf.add(tf.mul(m, c.beta1), tf.mul(g, c.oneMinusBeta1));
          const vNew = tf.add(tf.mul(v, c.beta2), tf.mul(tf.square(g), c.oneMinusBeta2));
          m.assign(mNew);
          v.assign(vNew);
          const correction2 = Math.sqrt(1 - cfg.beta2 ** t);
          const stepSize = (lr * correction2) / (1 - cfg.beta1 ** t);
          const w = flatten(ws);
          const base = group.kind === 'decay' ? tf.mul(w, 1 - lr * cfg.weightDecay) : w;
          assignFlat(ws, tf.sub(base, tf.mul(tf.div(mNew, tf.add(tf.sqrt(vNew), cfg.eps * correction2)), stepSize)));
        });
      }
    },
    reset: () => {
      slots.clear();
    },
    // The update counts are host numbers; the slots are variables the trainer restores itself.
    checkpoint: () => slots.saveCounts(),
    dispose: () => {
      slots.clear();
      if (constants) tf.dispose(Object.values(constants));
      constants = undefined;
    },
  };
}

/** Adam lowering. */
export const adamLowering = defineLowering(adamSpec, {
  id: adamSpec.id,
  optimiser: ({ params }) => optimiserOf(params, adamRule({ beta1: params.beta1, beta2: params.beta2, eps: params.eps, weightDecay: 0 })),
});
