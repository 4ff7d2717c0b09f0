import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesOwnFixtureFiles, sharedFixtures, worstRatio } from '../../paper.testkit.ts';
import { convOp, denseOp } from '../../quadratic/reference/quadratic.ts';
import { biperReference, type BiperRefParams } from './biper.ts';
import { biperCases } from './cases.ts';

const shared = sharedFixtures('biper-dense', 'biper-conv2d');

describe('biper float64 reference', () => {
  it.each(shared.map((f) => [f.fixture.name, f.fixture] as const))('reproduces shared %s', (_n, fx) => {
    const p = fx.params as unknown as BiperRefParams & { padding?: 'same' | 'valid'; strides?: number[] };
    const x = fx.inputs.x!;
    const k = fx.weights!.kernel!;
    const op =
      x.shape.length === 2
        ? denseOp(x.shape[0]!, x.shape[1]!, k.shape[1]!)
        : convOp({
            b: x.shape[0]!, h: x.shape[1]!, w: x.shape[2]!, inC: x.shape[3]!, kh: k.shape[0]!, kw: k.shape[1]!, outC: k.shape[3]!,
            sh: p.strides?.[0] ?? 1, sw: p.strides?.[1] ?? 1, padding: p.padding ?? 'same',
          });
    const sampleSize = x.data.length / x.shape[0]!;
    const r = biperReference(p, op, x.data, sampleSize, k.data, fx.weights!.alpha!.data, fx.cotangents!.y!.data, fx.mode === 'train');
    const tight = (got: number[], want: Parameters<typeof worstRatio>[1]): number => worstRatio(got, want, 1e-12, 1e-9);
    expect(tight(r.y, fx.expect.outputs!.y)).toBeLessThanOrEqual(1);
    expect(tight(r.da, fx.expect.grads!.inputs!.x)).toBeLessThanOrEqual(1);
    expect(tight(r.dKernel, fx.expect.grads!.weights!.kernel)).toBeLessThanOrEqual(1);
    expect(tight(r.dAlpha, fx.expect.grads!.weights!.alpha)).toBeLessThanOrEqual(1);
  });

  itMatchesOwnFixtureFiles(biperCases, 6, join(import.meta.dirname, '..'));
});
