import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtures, SHARED_FIXTURES } from '../../paper.testkit.ts';
import { dnrReference, pruneReference } from './apmask.ts';
import { apMaskCases } from './cases.ts';

const shared = loadFixtures(join(SHARED_FIXTURES, 'apmask'));

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

  it('own fixture files are exactly what the reference produces', () => {
    const cases = apMaskCases();
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const fx of cases) {
      const file = join(import.meta.dirname, '..', 'fixtures', `${fx.name.split('/')[1]!}.json`);
      expect(JSON.parse(readFileSync(file, 'utf8')), fx.name).toEqual(JSON.parse(JSON.stringify({ format: 'netwright.fixture', version: 1, ...fx })));
    }
  });
});
