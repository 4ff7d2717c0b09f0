/**
 * Independent float64 reference of the BiPer layers (spec §4–§5) in plain loops: square-wave
 * or sine weights, per-sample normalisation and sign of the input, the surrogate backward.
 * The linear maps (dense, NHWC conv) come from the quadratic plugin's reference, which is
 * itself checked against the shared fixtures.
 */
import type { LinearOp } from '../../quadratic/reference/quadratic.ts';

/** BiPer params that change the layer call. */
export interface BiperRefParams {
  readonly freq: number;
  readonly weightMode: 'square' | 'sine';
  readonly binarizeInput: boolean;
  readonly inputNormInTraining: boolean;
  readonly normEps: number;
}

/** The normalised input a0 (training with normalisation) or a itself, and the per-sample scales. */
export function normalisedInput(p: BiperRefParams, a: readonly number[], sampleSize: number, training: boolean): { a0: number[]; s: number[]; mean: number[] } {
  if (!(training && p.inputNormInTraining)) return { a0: [...a], s: [], mean: [] };
  const a0: number[] = [];
  const s: number[] = [];
  const mean: number[] = [];
  for (let b = 0; b < a.length / sampleSize; b++) {
    const v = a.slice(b * sampleSize, (b + 1) * sampleSize);
    const mu = v.reduce((x, y) => x + y, 0) / sampleSize;
    const variance = v.reduce((x, y) => x + (y - mu) ** 2, 0) / (sampleSize - 1);
    const sb = Math.sqrt(variance + p.normEps);
    s.push(sb);
    mean.push(mu);
    for (const e of v) a0.push(e / sb);
  }
  return { a0, s, mean };
}

/** Forward and surrogate gradients of sum(y ⊙ cot) for the input, kernel and alpha. */
export function biperReference(
  p: BiperRefParams,
  op: LinearOp,
  a: readonly number[],
  sampleSize: number,
  kernel: readonly number[],
  alpha: readonly number[],
  cot: readonly number[],
  training: boolean,
): { y: number[]; da: number[]; dKernel: number[]; dAlpha: number[] } {
  const units = alpha.length;
  const bw = kernel.map((w) => (p.weightMode === 'square' ? Math.sign(Math.sin(p.freq * w)) : Math.sin(p.freq * w)));
  const { a0, s, mean } = normalisedInput(p, a, sampleSize, training);
  const ba = p.binarizeInput ? a0.map((v) => Math.sign(v)) : [...a];
  const pre = op.forward(ba, bw);
  const y = pre.map((v, i) => v * alpha[i % units]!);
  const dPre = cot.map((d, i) => d * alpha[i % units]!);
  const dAlpha = new Array<number>(units).fill(0);
  pre.forEach((v, i) => (dAlpha[i % units]! += v * cot[i]!));
  const dBw = op.backKernel(ba, dPre, kernel.length);
  const dKernel = dBw.map((d, i) => d * p.freq * Math.cos(p.freq * kernel[i]!));
  const dBa = op.backInput(dPre, bw, a.length);
  if (!p.binarizeInput) return { y, da: dBa, dKernel, dAlpha };
  const da0 = dBa.map((d, i) => d * Math.max(0, 2 - 2 * Math.abs(a0[i]!)));
  if (!(training && p.inputNormInTraining)) return { y, da: da0, dKernel, dAlpha };
  const da: number[] = [];
  for (let b = 0; b < a.length / sampleSize; b++) {
    const sb = s[b]!;
    let dot = 0;
    for (let i = 0; i < sampleSize; i++) dot += da0[b * sampleSize + i]! * a[b * sampleSize + i]!;
    for (let i = 0; i < sampleSize; i++) {
      const at = b * sampleSize + i;
      da.push(da0[at]! / sb - (dot * (a[at]! - mean[b]!)) / (sb ** 3 * (sampleSize - 1)));
    }
  }
  return { y, da, dKernel, dAlpha };
}
