/**
 * A minimal float64 reverse-mode autodiff over scalars (micrograd-style, on flat arrays).
 * It is the engine of the independent reference implementations of GLA and LSSL: no tfjs,
 * every value a JS double, gradients exact to rounding. Small problems only (≤ ~10⁷ nodes).
 */

/** A scalar on the tape: its index. */
export type V = number;

/** The tape: values plus up to two parents with their local derivatives per node. */
export class Tape {
  private val: number[] = [];
  private pa: number[] = [];
  private pb: number[] = [];
  private da: number[] = [];
  private db: number[] = [];

  /** Number of nodes recorded. */
  get size(): number {
    return this.val.length;
  }

  private push(v: number, a: number, dA: number, b: number, dB: number): V {
    this.val.push(v);
    this.pa.push(a);
    this.da.push(dA);
    this.pb.push(b);
    this.db.push(dB);
    return this.val.length - 1;
  }

  /** A leaf (input, weight or constant). */
  leaf(v: number): V {
    return this.push(v, -1, 0, -1, 0);
  }

  /** The value of a node. */
  value(x: V): number {
    return this.val[x]!;
  }

  add(x: V, y: V): V {
    return this.push(this.val[x]! + this.val[y]!, x, 1, y, 1);
  }
  sub(x: V, y: V): V {
    return this.push(this.val[x]! - this.val[y]!, x, 1, y, -1);
  }
  mul(x: V, y: V): V {
    return this.push(this.val[x]! * this.val[y]!, x, this.val[y]!, y, this.val[x]!);
  }
  div(x: V, y: V): V {
    const b = this.val[y]!;
    const q = this.val[x]! / b;
    return this.push(q, x, 1 / b, y, -q / b);
  }
  /** x·c for a constant c. */
  scale(x: V, c: number): V {
    return this.push(this.val[x]! * c, x, c, -1, 0);
  }
  /** x + c for a constant c. */
  shift(x: V, c: number): V {
    return this.push(this.val[x]! + c, x, 1, -1, 0);
  }
  exp(x: V): V {
    const e = Math.exp(this.val[x]!);
    return this.push(e, x, e, -1, 0);
  }
  sqrt(x: V): V {
    const s = Math.sqrt(this.val[x]!);
    return this.push(s, x, 0.5 / s, -1, 0);
  }
  sigmoid(x: V): V {
    const v = this.val[x]!;
    const s = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    return this.push(s, x, s * (1 - s), -1, 0);
  }
  /** log σ(x) = −softplus(−x), stable for any x; derivative σ(−x). */
  logSigmoid(x: V): V {
    const v = this.val[x]!;
    const y = Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
    const d = v >= 0 ? Math.exp(-v) / (1 + Math.exp(-v)) : 1 / (1 + Math.exp(v));
    return this.push(y, x, d, -1, 0);
  }
  /** erf, with derivative 2/√π·exp(−x²). */
  erf(x: V): V {
    const v = this.val[x]!;
    return this.push(erf64(v), x, (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v), -1, 0);
  }
  /** Σ of a list (a chain of adds; empty gives a 0 leaf). */
  sum(xs: readonly V[]): V {
    if (xs.length === 0) return this.leaf(0);
    let s = xs[0]!;
    for (let i = 1; i < xs.length; i++) s = this.add(s, xs[i]!);
    return s;
  }
  /** Σ x_i·y_i. */
  dot(xs: readonly V[], ys: readonly V[]): V {
    return this.sum(xs.map((x, i) => this.mul(x, ys[i]!)));
  }

  /** Gradient of node `out` with respect to every node (index = node). */
  backward(out: V): Float64Array {
    const g = new Float64Array(this.val.length);
    g[out] = 1;
    for (let i = out; i >= 0; i--) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const a = this.pa[i]!;
      if (a >= 0) g[a] = g[a]! + gi * this.da[i]!;
      const b = this.pb[i]!;
      if (b >= 0) g[b] = g[b]! + gi * this.db[i]!;
    }
    return g;
  }
}

/**
 * erf in float64 (relative error ~1e-15): Maclaurin series for |x| < 2.5, the Lentz continued
 * fraction of erfc beyond.
 */
export function erf64(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))), evaluated bottom-up.
  let f = 0;
  for (let k = 120; k >= 1; k--) f = k / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}
