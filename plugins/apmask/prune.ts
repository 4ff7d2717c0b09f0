/**
 * The AP mask's pure procedures (spec §1 and §4) on plain arrays: dead-neuron rates and one
 * pruning event (base magnitude pruning, then AP). Shared by the fixture calls and the
 * trainer hooks (and the PyTorch emitter); no tfjs.
 */
import type { WeightSpec } from '../../runtime/sdk/index.ts';

/** One managed kernel at a pruning event. All arrays are row-major and equally long. */
export interface PruneLayer {
  /** W_end: the kernel now (already masked). */
  readonly kernel: ArrayLike<number>;
  /** W_start: the kernel at the start of the cycle. */
  readonly start: ArrayLike<number>;
  /** The mask before the event (0/1). */
  readonly mask: ArrayLike<number>;
}

/** Rates of one pruning event, in percent. */
export interface PruneRates {
  /** p: share of the alive weights removed per event. */
  readonly pruneRate: number;
  /** p_AP: the part of p removed by AP (0 = plain magnitude pruning). */
  readonly apRate: number;
  readonly scope: 'global' | 'layerwise';
}

/** Result of {@link pruneEvent}. */
export interface PruneResult {
  /** New masks, one per layer (0/1). */
  readonly masks: Uint8Array[];
  /** `[layer, flatIndex]` removed by the base method, in removal order. */
  readonly prunedByBase: [number, number][];
  /** `[layer, flatIndex]` removed by AP, in removal order. */
  readonly prunedByAP: [number, number][];
}

interface Entry {
  readonly layer: number;
  readonly index: number;
  readonly score: number;
}

/** Ascending by score; ties by (layer, row-major index), as the spec requires. */
function byScore(a: Entry, b: Entry): number {
  return a.score - b.score || a.layer - b.layer || a.index - b.index;
}

/** Base pruning then AP within one group of layers (the whole net, or one layer). */
function pruneGroup(layers: readonly PruneLayer[], ids: readonly number[], rates: PruneRates, out: PruneResult): void {
  let alive = 0;
  for (const l of ids) for (const m of out.masks[l]!) alive += m;
  const kBase = Math.floor((alive * (rates.pruneRate - rates.apRate)) / 100 + 1e-9);
  const kAP = Math.floor((alive * rates.apRate) / 100 + 1e-9);
  const base: Entry[] = [];
  for (const l of ids) {
    const mask = out.masks[l]!;
    const w = layers[l]!.kernel;
    for (let i = 0; i < mask.length; i++) if (mask[i]) base.push({ layer: l, index: i, score: Math.abs(w[i]!) });
  }
  base.sort(byScore);
  for (const e of base.slice(0, kBase)) {
    out.masks[e.layer]![e.index] = 0;
    out.prunedByBase.push([e.layer, e.index]);
  }
  // AP: negative weights still alive, least moved since the start of the cycle first
  const ap: Entry[] = [];
  for (const l of ids) {
    const mask = out.masks[l]!;
    const { kernel: w, start } = layers[l]!;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] && w[i]! < 0) ap.push({ layer: l, index: i, score: Math.abs(w[i]! - start[i]!) });
    }
  }
  ap.sort(byScore);
  for (const e of ap.slice(0, kAP)) {
    out.masks[e.layer]![e.index] = 0;
    out.prunedByAP.push([e.layer, e.index]);
  }
}

/** One pruning event (spec §4 steps 1–2) with exact k-smallest counts. */
export function pruneEvent(layers: readonly PruneLayer[], rates: PruneRates): PruneResult {
  if (!(rates.apRate >= 0 && rates.apRate <= rates.pruneRate)) {
    throw new Error(`apRate ${rates.apRate} must be between 0 and pruneRate ${rates.pruneRate}`);
  }
  const out: PruneResult = {
    masks: layers.map((l) => Uint8Array.from(l.mask, (m) => (m > 0.5 ? 1 : 0))),
    prunedByBase: [],
    prunedByAP: [],
  };
  const all = layers.map((_, i) => i);
  if (rates.scope === 'global') pruneGroup(layers, all, rates, out);
  else for (const i of all) pruneGroup(layers, [i], rates, out);
  return out;
}

/** Dead counts of one layer's pre-activations: #(z ≤ 0) and #z. */
export function deadCount(z: ArrayLike<number>): { dead: number; total: number } {
  let dead = 0;
  for (let i = 0; i < z.length; i++) if (z[i]! <= 0) dead++;
  return { dead, total: z.length };
}

/** DNR per layer and pooled over layers (pooled counts, not the mean of ratios). */
export function dnrOf(counts: readonly { dead: number; total: number }[]): { perLayer: number[]; overall: number } {
  let dead = 0;
  let total = 0;
  for (const c of counts) {
    dead += c.dead;
    total += c.total;
  }
  return { perLayer: counts.map((c) => (c.total > 0 ? c.dead / c.total : 0)), overall: total > 0 ? dead / total : 0 };
}

/** What {@link prunableWeights} needs of a weight: a tfjs variable, or a weight spec's view of one. */
export interface WeightLike {
  readonly trainable: boolean;
  readonly rank: number;
}

/**
 * The weights of a layer that AP prunes (`WeightSpec.prunable`): the ones its spec marks
 * prunable, else `kernel`, else every trainable rank ≥ 2 weight not marked `prunable: false`.
 */
export function prunableWeights(
  weights: Readonly<Record<string, WeightLike>>,
  specs: Readonly<Record<string, WeightSpec>> = {},
): string[] {
  const marked = Object.keys(weights).filter((n) => specs[n]?.prunable === true);
  if (marked.length > 0) return marked;
  const allowed = (n: string): boolean => specs[n]?.prunable !== false;
  if (weights.kernel && allowed('kernel')) return ['kernel'];
  return Object.entries(weights)
    .filter(([n, v]) => v.trainable && v.rank >= 2 && allowed(n))
    .map(([n]) => n);
}
