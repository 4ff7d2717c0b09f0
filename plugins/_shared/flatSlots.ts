/**
 * Optimiser slots kept flat: the weights an update rule sees together (one trainer call, one
 * kind) share one 1-D variable per slot, so the rule updates all of them with one kernel per
 * operation instead of one per weight (docs/adr/0006). Per-weight semantics are kept: each
 * weight has its own moments and update count, and a call with another set of weights regroups
 * them (rare: the trainer calls with the same weights, in the same order, every step).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** A weight as the rule sees it in one call. */
export interface FlatEntry {
  readonly key: string;
  readonly size: number;
  /** Weights of different kinds are never grouped (e.g. decayed and not decayed). */
  readonly kind: string;
}

/** Weights updated together: their slots are one flat variable each, in `keys` order. */
export interface FlatGroup {
  readonly keys: readonly string[];
  readonly sizes: readonly number[];
  readonly kind: string;
  /** Flat slot variables by slot name, `Σ sizes` long. */
  readonly slots: Readonly<Record<string, tfc.Variable>>;
  /** Updates made so far (the same for every weight of the group). */
  count: number;
}

/** One weight's share of a group while regrouping. */
interface Piece {
  readonly entry: FlatEntry;
  readonly count: number;
  /** Slot values [size] by name; absent for a weight seen for the first time (zeros). */
  readonly values?: Record<string, tfc.Tensor>;
}

/** Flat slots of one rule, by weight key. */
export class FlatSlots {
  private readonly byKey = new Map<string, FlatGroup>();

  /** @param names - the slot names, e.g. `['m', 'v']`. */
  constructor(private readonly names: readonly string[]) {}

  /**
   * The groups that hold exactly `entries` (one when every weight has the same kind and
   * update count, which is the case in a training run), made or regrouped as needed.
   */
  groups(entries: readonly FlatEntry[]): FlatGroup[] {
    if (entries.length === 0) return [];
    const first = this.byKey.get(entries[0]!.key);
    if (
      first &&
      first.kind === entries[0]!.kind &&
      first.keys.length === entries.length &&
      entries.every((e, i) => first.keys[i] === e.key && first.kind === e.kind)
    ) {
      return [first];
    }
    return this.regroup(entries);
  }

  /** Takes the touched groups apart and builds groups for `entries` and for what is left of them. */
  private regroup(entries: readonly FlatEntry[]): FlatGroup[] {
    const wanted = new Set(entries.map((e) => e.key));
    const pieces = new Map<string, Piece>();
    const touched = new Set<FlatGroup>();
    for (const e of entries) {
      const g = this.byKey.get(e.key);
      if (g) touched.add(g);
    }
    for (const g of touched) {
      const split = Object.fromEntries(
        this.names.map((n) => [
          n,
          g.keys.length === 1 ? [tf.clone(g.slots[n]!)] : tf.split(g.slots[n]!, [...g.sizes]),
        ]),
      );
      g.keys.forEach((key, i) => {
        const values = Object.fromEntries(this.names.map((n) => [n, split[n]![i]!]));
        pieces.set(key, { entry: { key, size: g.sizes[i]!, kind: g.kind }, count: g.count, values });
        this.byKey.delete(key);
      });
      for (const v of Object.values(g.slots)) v.dispose();
    }
    const made: FlatGroup[] = [];
    const build = (list: readonly Piece[]): void => {
      // One group per (kind, update count), in the order the weights come.
      const parts = new Map<string, Piece[]>();
      for (const p of list) {
        const id = `${p.count}/${p.entry.kind}`;
        parts.set(id, [...(parts.get(id) ?? []), p]);
      }
      for (const part of parts.values()) made.push(this.group(part));
    };
    const asked = entries.map((e) => {
      const old = pieces.get(e.key);
      return old ? { ...old, entry: e } : { entry: e, count: 0 };
    });
    build(asked);
    const wantedGroups = made.length;
    build([...pieces.values()].filter((p) => !wanted.has(p.entry.key)));
    for (const p of pieces.values()) for (const v of Object.values(p.values ?? {})) v.dispose();
    return made.slice(0, wantedGroups);
  }

  private group(pieces: readonly Piece[]): FlatGroup {
    const sizes = pieces.map((p) => p.entry.size);
    const slots = Object.fromEntries(
      this.names.map((n) => [
        n,
        tf.tidy(() =>
          tf.variable(tf.concat(pieces.map((p) => p.values?.[n] ?? tf.zeros([p.entry.size]))), false),
        ),
      ]),
    );
    const g: FlatGroup = {
      keys: pieces.map((p) => p.entry.key),
      sizes,
      kind: pieces[0]!.entry.kind,
      slots,
      count: pieces[0]!.count,
    };
    for (const k of g.keys) this.byKey.set(k, g);
    return g;
  }

  /** The update count of every group now; the returned function puts them back (groups made since are left alone). */
  saveCounts(): () => void {
    const saved = [...new Set(this.byKey.values())].map((g) => [g, g.count] as const);
    return () => {
      for (const [g, count] of saved) g.count = count;
    };
  }

  /** Disposes every slot and forgets update counts. */
  clear(): void {
    for (const g of new Set(this.byKey.values())) for (const v of Object.values(g.slots)) v.dispose();
    this.byKey.clear();
  }
}

/** The tensors as one 1-D tensor, in order (no kernel for a single 1-D tensor). */
export function flatten(ts: readonly tfc.Tensor[]): tfc.Tensor {
  const flat = ts.map((t) => (t.rank === 1 ? t : tf.reshape(t, [-1])));
  return flat.length === 1 ? flat[0]! : tf.concat(flat);
}

/** Assigns the pieces of the flat `values` to `vars` (the inverse of {@link flatten}). */
export function assignFlat(vars: readonly tfc.Variable[], values: tfc.Tensor): void {
  const pieces =
    vars.length === 1
      ? [values]
      : tf.split(
          values,
          vars.map((v) => v.size),
        );
  vars.forEach((v, i) => {
    const p = pieces[i]!;
    v.assign(v.rank === 1 ? p : tf.reshape(p, v.shape));
  });
}
