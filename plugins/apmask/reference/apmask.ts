/**
 * Independent float64 reference of the AP mask's procedures (spec §1, §4): the dead-neuron
 * rate and one pruning event, written as directly as the spec reads. No tfjs.
 */

/** DNR per layer and pooled: #(z ≤ 0)/#z. */
export function dnrReference(zs: readonly (readonly number[])[]): { perLayer: number[]; overall: number } {
  const dead = zs.map((z) => z.filter((v) => v <= 0).length);
  const sizes = zs.map((z) => z.length);
  const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
  return { perLayer: dead.map((d, i) => d / sizes[i]!), overall: sum(dead) / sum(sizes) };
}

/** One event: masks after base magnitude pruning then AP (exact k-smallest, ties by layer then index). */
export function pruneReference(
  kernels: readonly (readonly number[])[],
  starts: readonly (readonly number[])[],
  masks: readonly (readonly number[])[],
  p: { pruneRate: number; apRate: number; scope: 'global' | 'layerwise' },
): number[][] {
  const out = masks.map((m) => [...m]);
  const groups = p.scope === 'global' ? [kernels.map((_, i) => i)] : kernels.map((_, i) => [i]);
  for (const group of groups) {
    const alive = (): [number, number][] => group.flatMap((l) => out[l]!.flatMap((m, i) => (m === 1 ? [[l, i] as [number, number]] : [])));
    const a = alive().length;
    const kBase = Math.floor((a * (p.pruneRate - p.apRate)) / 100 + 1e-9);
    const kAP = Math.floor((a * p.apRate) / 100 + 1e-9);
    const order = (score: (l: number, i: number) => number) => (x: [number, number], y: [number, number]) =>
      score(x[0], x[1]) - score(y[0], y[1]) || x[0] - y[0] || x[1] - y[1];
    const base = alive().sort(order((l, i) => Math.abs(kernels[l]![i]!)));
    for (const [l, i] of base.slice(0, kBase)) out[l]![i] = 0;
    const ap = alive()
      .filter(([l, i]) => kernels[l]![i]! < 0)
      .sort(order((l, i) => Math.abs(kernels[l]![i]! - starts[l]![i]!)));
    for (const [l, i] of ap.slice(0, kAP)) out[l]![i] = 0;
  }
  return out;
}
