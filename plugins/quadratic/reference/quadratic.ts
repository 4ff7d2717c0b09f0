/**
 * Independent float64 reference of the quadratic layers (spec §3–§4), in plain loops: no
 * tfjs. Used to check the shared fixtures and to write this plugin's own fixtures.
 */

/** Weights of a quadratic layer, row-major, TF.js layouts. */
export interface QuadWeights {
  readonly wr: number[];
  readonly br: number[];
  readonly wg: number[];
  readonly bg: number[];
  readonly wb: number[];
  readonly c: number[];
}

/** Conv geometry (NHWC input, [kh, kw, inC, outC] kernel, TF 'same'/'valid'). */
export interface ConvGeom {
  readonly b: number;
  readonly h: number;
  readonly w: number;
  readonly inC: number;
  readonly kh: number;
  readonly kw: number;
  readonly outC: number;
  readonly sh: number;
  readonly sw: number;
  readonly padding: 'same' | 'valid';
}

/** Output size and leading pad of one axis, TF rules. */
export function axisGeom(n: number, k: number, s: number, padding: 'same' | 'valid'): { out: number; pad: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, pad: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, pad: Math.floor(total / 2) };
}

/** The positions an output element reads: visits (input index or -1 for padding, kernel index). */
function forEachTap(g: ConvGeom, visit: (b: number, o: number, xi: number, ki: number, co: number) => void): number[] {
  const ay = axisGeom(g.h, g.kh, g.sh, g.padding);
  const ax = axisGeom(g.w, g.kw, g.sw, g.padding);
  for (let b = 0; b < g.b; b++)
    for (let oy = 0; oy < ay.out; oy++)
      for (let ox = 0; ox < ax.out; ox++)
        for (let co = 0; co < g.outC; co++) {
          const o = ((b * ay.out + oy) * ax.out + ox) * g.outC + co;
          for (let ky = 0; ky < g.kh; ky++)
            for (let kx = 0; kx < g.kw; kx++) {
              const iy = oy * g.sh + ky - ay.pad;
              const ix = ox * g.sw + kx - ax.pad;
              if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
              for (let ci = 0; ci < g.inC; ci++) {
                visit(b, o, ((b * g.h + iy) * g.w + ix) * g.inC + ci, ((ky * g.kw + kx) * g.inC + ci) * g.outC + co, co);
              }
            }
        }
  return [g.b, ay.out, ax.out, g.outC];
}

/** A linear map (dense matmul or conv) with its two transposes, as closures over the geometry. */
export interface LinearOp {
  readonly outShape: number[];
  readonly outSize: number;
  forward(x: number[], k: number[]): number[];
  /** d/dx of sum(forward(x,k) ⊙ dy). */
  backInput(dy: number[], k: number[], xSize: number): number[];
  /** d/dk of sum(forward(x,k) ⊙ dy). */
  backKernel(x: number[], dy: number[], kSize: number): number[];
}

/** The dense op: x [b, n] · k [n, m]. */
export function denseOp(b: number, n: number, m: number): LinearOp {
  const taps: [number, number, number][] = [];
  for (let i = 0; i < b; i++) for (let j = 0; j < m; j++) for (let p = 0; p < n; p++) taps.push([i * m + j, i * n + p, p * m + j]);
  return tapOp(taps, [b, m], b * m);
}

/** The conv op of a geometry. */
export function convOp(g: ConvGeom): LinearOp {
  const taps: [number, number, number][] = [];
  const outShape = forEachTap(g, (_b, o, xi, ki) => taps.push([o, xi, ki]));
  return tapOp(taps, outShape, outShape.reduce((a, v) => a * v, 1));
}

function tapOp(taps: readonly [number, number, number][], outShape: number[], outSize: number): LinearOp {
  return {
    outShape,
    outSize,
    forward(x, k) {
      const y = new Array<number>(outSize).fill(0);
      for (const [o, xi, ki] of taps) y[o]! += x[xi]! * k[ki]!;
      return y;
    },
    backInput(dy, k, xSize) {
      const dx = new Array<number>(xSize).fill(0);
      for (const [o, xi, ki] of taps) dx[xi]! += dy[o]! * k[ki]!;
      return dx;
    },
    backKernel(x, dy, kSize) {
      const dk = new Array<number>(kSize).fill(0);
      for (const [o, xi, ki] of taps) dk[ki]! += dy[o]! * x[xi]!;
      return dk;
    },
  };
}

/** Forward and gradients of sum(y ⊙ cot) for x and every weight. */
export function quadraticReference(
  op: LinearOp,
  x: number[],
  w: QuadWeights,
  cot: number[],
): { y: number[]; dx: number[]; grads: QuadWeights } {
  const units = w.br.length;
  const addBias = (v: number[], bias: number[]): number[] => v.map((e, i) => e + bias[i % units]!);
  const x2 = x.map((v) => v * v);
  const r = addBias(op.forward(x, w.wr), w.br);
  const g = addBias(op.forward(x, w.wg), w.bg);
  const q = addBias(op.forward(x2, w.wb), w.c);
  const y = r.map((v, i) => v * g[i]! + q[i]!);
  const dr = cot.map((d, i) => d * g[i]!);
  const dg = cot.map((d, i) => d * r[i]!);
  const biasGrad = (d: number[]): number[] => {
    const out = new Array<number>(units).fill(0);
    d.forEach((v, i) => (out[i % units]! += v));
    return out;
  };
  const dxr = op.backInput(dr, w.wr, x.length);
  const dxg = op.backInput(dg, w.wg, x.length);
  const dxq = op.backInput(cot, w.wb, x.length);
  const dx = x.map((v, i) => dxr[i]! + dxg[i]! + 2 * v * dxq[i]!);
  return {
    y,
    dx,
    grads: {
      wr: op.backKernel(x, dr, w.wr.length),
      br: biasGrad(dr),
      wg: op.backKernel(x, dg, w.wg.length),
      bg: biasGrad(dg),
      wb: op.backKernel(x2, cot, w.wb.length),
      c: biasGrad(cot),
    },
  };
}
