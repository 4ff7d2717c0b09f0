import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesOwnFixtureFiles, sharedFixtures, worstRatio } from '../../paper.testkit.ts';
import { powerNormCases } from './cases.ts';
import { pnEval, pnTrain, type PnParams } from './powernorm.ts';

const shared = sharedFixtures('powernorm');

describe('powernorm float64 reference', () => {
  it.each(shared.map((f) => [f.fixture.name, f.fixture] as const))('reproduces shared %s', (_n, fx) => {
    const p = fx.params as unknown as PnParams;
    const x = fx.inputs.x!;
    const c = x.shape[x.shape.length - 1]!;
    const s = fx.state!;
    const st = { runningPhi: s.runningPhi!.data, emaGz: s.emaGz!.data, iters: s.iters!.data[0]! };
    const w = fx.weights!.weight!.data;
    const b = fx.weights!.bias!.data;
    const tight = (got: number[], want: Parameters<typeof worstRatio>[1]): number => worstRatio(got, want, 1e-12, 1e-9);
    if (fx.mode === 'eval') {
      expect(tight(pnEval(p, x.data, c, w, b, st), fx.expect.outputs!.y)).toBeLessThanOrEqual(1);
      return;
    }
    const r = pnTrain(p, x.data, c, w, b, st, fx.cotangents!.y!.data);
    expect(tight(r.y, fx.expect.outputs!.y)).toBeLessThanOrEqual(1);
    expect(tight(r.dx, fx.expect.grads!.inputs!.x)).toBeLessThanOrEqual(1);
    expect(tight(r.dWeight, fx.expect.grads!.weights!.weight)).toBeLessThanOrEqual(1);
    expect(tight(r.dBias, fx.expect.grads!.weights!.bias)).toBeLessThanOrEqual(1);
    expect(tight(r.after.runningPhi, fx.expect.state!.runningPhi)).toBeLessThanOrEqual(1);
    expect(tight(r.after.emaGz, fx.expect.state!.emaGz)).toBeLessThanOrEqual(1);
    expect(r.after.iters).toBe(fx.expect.state!.iters!.data[0]);
  });

  itMatchesOwnFixtureFiles(powerNormCases, 7, join(import.meta.dirname, '..'));
});
