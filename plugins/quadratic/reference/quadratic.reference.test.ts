import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesOwnFixtureFiles, sharedFixtures, worstRatio } from '../../paper.testkit.ts';
import { quadraticCases } from './cases.ts';
import { convOp, denseOp, quadraticReference, type QuadWeights } from './quadratic.ts';

const shared = sharedFixtures('quadratic-dense', 'quadratic-conv2d');
const NAMES = ['wr', 'br', 'wg', 'bg', 'wb', 'c'] as const;

describe('quadratic float64 reference', () => {
  it.each(shared.map((f) => [f.fixture.name, f.fixture] as const))('reproduces shared %s', (_n, fx) => {
    const x = fx.inputs.x!;
    const w = Object.fromEntries(NAMES.map((n) => [n, fx.weights![n]!.data])) as unknown as QuadWeights;
    const k = fx.weights!.wr!.shape;
    const p = fx.params as { padding?: 'same' | 'valid'; strides?: number[] };
    const op =
      x.shape.length === 2
        ? denseOp(x.shape[0]!, x.shape[1]!, k[1]!)
        : convOp({
            b: x.shape[0]!, h: x.shape[1]!, w: x.shape[2]!, inC: x.shape[3]!,
            kh: k[0]!, kw: k[1]!, outC: k[3]!, sh: p.strides?.[0] ?? 1, sw: p.strides?.[1] ?? 1, padding: p.padding ?? 'same',
          });
    const ref = quadraticReference(op, x.data, w, fx.cotangents!.y!.data);
    expect(worstRatio(ref.y, fx.expect.outputs!.y, 1e-12, 1e-9)).toBeLessThanOrEqual(1);
    expect(worstRatio(ref.dx, fx.expect.grads!.inputs!.x, 1e-12, 1e-9)).toBeLessThanOrEqual(1);
    for (const n of NAMES) expect(worstRatio(ref.grads[n], fx.expect.grads!.weights![n], 1e-12, 1e-9), n).toBeLessThanOrEqual(1);
  });

  itMatchesOwnFixtureFiles(quadraticCases, 3, join(import.meta.dirname, '..'));
});
