/**
 * Slot variables of an optimiser (momenta, moment estimates), created lazily per weight key
 * so the trainer may call `apply` with any subset of weights (per-weight learning-rate groups).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import type { OptimiserRule, RunSettings } from '../../runtime/exec/sdk.ts';
import type { RunParamValues } from './runParams.ts';

/** Named slots per weight key plus a per-key step count (for bias correction). */
export class SlotStore {
  private readonly vars = new Map<string, tfc.Variable>();
  private readonly counts = new Map<string, number>();

  /** The slot `name` of weight `key`, zeros shaped like `like` the first time. */
  get(key: string, name: string, like: tfc.Tensor): tfc.Variable {
    const id = `${key}#${name}`;
    let v = this.vars.get(id);
    if (!v) {
      v = tf.tidy(() => tf.variable(tf.zerosLike(like), false));
      this.vars.set(id, v);
    }
    return v;
  }

  /** Increments and returns the 1-based update count of weight `key`. */
  tick(key: string): number {
    const t = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, t);
    return t;
  }

  /** Disposes every slot and forgets step counts. */
  clear(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
    this.counts.clear();
  }
}

/** The variable a gradient belongs to, or an error naming the key. */
export function varFor(vars: Readonly<Record<string, tfc.Variable>>, key: string): tfc.Variable {
  const v = vars[key];
  if (!v) throw new Error(`optimiser: gradient "${key}" has no matching variable`);
  return v;
}

/**
 * What an optimiser lowering hands the trainer: the run settings from the shared run params,
 * the clip norm (`undefined` when clipping is off) and its update `rule`.
 */
export function optimiserOf(p: RunParamValues, rule: OptimiserRule): { settings: RunSettings; clipNorm: number | undefined; rule: OptimiserRule } {
  const settings: RunSettings = { steps: p.steps, batchSize: p.batchSize, seed: p.seed, evalEvery: p.evalEvery, lr: p.lr };
  return { settings, clipNorm: p.clipNorm > 0 ? p.clipNorm : undefined, rule };
}
