import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesOwnFixtureFiles, sharedFixtures } from '../../paper.testkit.ts';
import { dnrReference, pruneReference } from './apmask.ts';
import { apMaskCases } from './cases.ts';

const shared = sharedFixtures('apmask');

describe('apmask float64 reference', () => {
  it.each(shared.map((f) => [f.fixture.name, f.fixture] as const))('reproduces shared %s', (_n, fx) => {
    const n = (prefix: string): number[][] =>
      Object.keys(fx.inputs)
        .filter((k) => k.startsWith(`${prefix}.`))
        .sort()
        .map((k) => fx.inputs[k]!.data);
    if (fx.call === 'dnr') {
      const r = dnrReference(n('z'));
      expect(r.perLayer).toEqual(fx.expect.outputs!.perLayer!.data);
      expect(Math.abs(r.overall - fx.expect.outputs!.overall!.data[0]!)).toBeLessThan(1e-12);
      return;
    }
    const p = fx.params as { pruneRate: number; apRate: number; scope: 'global' | 'layerwise' };
    const masks = pruneReference(n('kernel'), n('kernelStart'), n('mask'), p);
    masks.forEach((m, i) => { expect(m, `mask.${i}`).toEqual(fx.expect.outputs![`mask.${i}`]!.data); });
    const removed = masks.flat().filter((v) => v === 0).length - n('mask').flat().filter((v) => v === 0).length;
    expect(removed).toBeGreaterThan(0);
  });

  itMatchesOwnFixtureFiles(apMaskCases, 4, join(import.meta.dirname, '..'));
});
