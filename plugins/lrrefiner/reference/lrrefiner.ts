/**
 * Independent float64 reference of the LR refiner (spec §4–§5), written the way the authors'
 * recipe reads: `median_filter(np.pad(G, (0, 2·width), 'reflect'), size=width,
 * mode='nearest')[:-2·width]`, then `np.interp` for resampling. No tfjs, and none of the
 * plugin's own code.
 */

function npPadReflectEnd(g: readonly number[], n: number): number[] {
  const out = [...g];
  // reflect: the edge is not repeated; the period of the reflection is 2(T−1)
  const period = 2 * (g.length - 1);
  for (let j = 0; j < n; j++) {
    const k = (g.length + j) % period;
    out.push(g[k < g.length ? k : period - k]!);
  }
  return out;
}

function medianFilterNearest(a: readonly number[], size: number): number[] {
  const h = Math.floor(size / 2);
  return a.map((_, i) => {
    const win: number[] = [];
    for (let j = i - h; j <= i + h; j++) win.push(a[Math.min(Math.max(j, 0), a.length - 1)]!);
    win.sort((x, y) => x - y);
    return win[h]!;
  });
}

function npInterp(x: number, xp: readonly number[], fp: readonly number[]): number {
  if (x <= xp[0]!) return fp[0]!;
  if (x >= xp[xp.length - 1]!) return fp[fp.length - 1]!;
  let i = 0;
  while (xp[i + 1]! < x) i++;
  return fp[i]! + ((fp[i + 1]! - fp[i]!) * (x - xp[i]!)) / (xp[i + 1]! - xp[i]!);
}

const linspace = (n: number): number[] => Array.from({ length: n }, (_, i) => (n === 1 ? 0 : i / (n - 1)));

/** The refined schedule (max 1) and the intermediate values of spec §10. */
export function refineReference(
  g: readonly number[],
  p: { tau: number; norm: 'l2' | 'l1'; newT?: number },
): { width: number; smoothed: number[]; schedule: number[] } {
  const t = g.length;
  const width = 2 * Math.floor(Math.floor(p.tau * t) / 2) + 1;
  // guard of the spec for tiny T: the half-width never exceeds T − 1
  const size = Math.min(width, 2 * (t - 1) + 1);
  const padded = npPadReflectEnd(g, 2 * size);
  let smoothed = medianFilterNearest(padded, size).slice(0, t);
  const n = p.newT ?? t;
  if (n !== t) smoothed = linspace(n).map((x) => npInterp(x, linspace(t), smoothed));
  const w = smoothed.map((v) => (p.norm === 'l2' ? v ** -2 : 1 / v));
  const eta = w.map((wt, i) => wt * w.slice(i + 1).reduce((a, b) => a + b, 0));
  const max = Math.max(...eta);
  return { width, smoothed, schedule: eta.map((e) => e / max) };
}

/** The linear-decay default with warm-up W (spec §5), as learning rates. */
export function linearDecayReference(n: number, warmup: number, peak: number): number[] {
  return Array.from({ length: n }, (_, t) => (t < warmup ? (peak * (t + 1)) / warmup : peak * (1 - (t - warmup) / (n - warmup))));
}
