import { describe, expect, it } from 'vitest';
import { classCounts, expectSourceAsInferred, makeSource, readBatch, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { gaussianBlobsLowering, generateBlobs } from './lower.ts';
import { gaussianBlobsSpec } from './spec.ts';

runTestsOnWasm();

describe('gaussian-blobs', () => {
  it('yields inferred shapes, repeats for a seed and leaks nothing', () => {
    expectSourceAsInferred(gaussianBlobsSpec, gaussianBlobsLowering, { samples: 90, classes: 3, dims: 5 });
  });

  it('is class-balanced in both splits', () => {
    const { source } = makeSource(gaussianBlobsSpec, gaussianBlobsLowering, {
      samples: 300,
      classes: 3,
      evalSplit: 0.2,
    });
    expect(classCounts(readBatch(source.all('eval')).y!.data)).toEqual(
      new Map([
        [0, 20],
        [1, 20],
        [2, 20],
      ]),
    );
    expect(classCounts(readBatch(source.all('train')).y!.data)).toEqual(
      new Map([
        [0, 80],
        [1, 80],
        [2, 80],
      ]),
    );
  });

  it('clusters each class around its centre with the given spread', () => {
    const ds = generateBlobs(3000, 2, 1, 0.5, 4);
    const x = ds.columns.x!.data;
    const stats = [0, 1].map((c) => {
      const v = Array.from(x).filter((_, i) => i % 2 === c);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return { mean, std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) };
    });
    for (const s of stats) {
      expect(Math.abs(s.mean)).toBeLessThanOrEqual(4.05);
      expect(s.std).toBeCloseTo(0.5, 1);
    }
    expect(stats[0]!.mean).not.toBeCloseTo(stats[1]!.mean, 1);
  });
});
