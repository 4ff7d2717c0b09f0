/**
 * The ranking table of palette search over the real built-in plugins: the exact or prefix
 * match comes first, a specific word shows few results, one typo is forgiven. Before
 * `@leeoniya/ufuzzy` (a hand-written subsequence scorer) "spiral" matched 26 of 44 plugins,
 * "dense" 30 and "adam" 23.
 */
import { describe, expect, it } from 'vitest';
import { builtinSpecs } from '../../plugins/index.ts';
import { oneLineDoc, rankSpecs } from './paletteSearch.ts';

interface Row {
  readonly query: string;
  /** The ids the results start with, in any order among themselves. */
  readonly lead: readonly string[];
  /** Ids that must be among the results too. */
  readonly also?: readonly string[];
  /** At most this many results. */
  readonly max: number;
}

const TABLE: readonly Row[] = [
  { query: 'dense', lead: ['dense'], also: ['biper-dense', 'quadratic-dense'], max: 5 },
  { query: 'spiral', lead: ['two-spirals'], max: 3 },
  { query: 'adam', lead: ['adam'], also: ['adamw'], max: 3 },
  { query: 'gla', lead: ['gla'], max: 3 },
  { query: 'gated', lead: ['gla'], max: 3 },
  { query: 'norm', lead: ['batch-norm', 'layer-norm', 'powernorm'], max: 8 },
  { query: 'conv', lead: ['conv1d', 'conv2d'], also: ['biper-conv2d', 'quadratic-conv2d'], max: 6 },
  { query: 'attention', lead: ['gla'], max: 3 },
  { query: 'loss', lead: ['cross-entropy', 'mse'], max: 5 },
  { query: 'csv', lead: ['csv'], max: 2 },
  { query: 'sgd', lead: ['sgd'], max: 2 },
  { query: 'drop', lead: ['dropout'], max: 2 },
  { query: 'cross', lead: ['cross-entropy'], max: 4 },
  { query: 'pool', lead: ['pool2d', 'global-pool'], max: 3 },
  { query: 'Conv 2D', lead: ['conv2d'], max: 4 },
  { query: 'd', lead: ['delayed-recall', 'dense', 'dropout'], max: 44 },
  // Several words: all must match, in any order.
  { query: 'batch norm', lead: ['batch-norm'], max: 3 },
  { query: 'norm batch', lead: ['batch-norm'], max: 3 },
  { query: 'layer norm', lead: ['layer-norm'], max: 3 },
  // One typo per word of five or more letters.
  { query: 'densr', lead: ['dense'], max: 5 },
  { query: 'dnese', lead: ['dense'], max: 5 },
  { query: 'spirl', lead: ['two-spirals'], max: 3 },
  { query: 'atention', lead: ['gla'], max: 3 },
  { query: 'lnear', lead: ['linear-decay'], max: 5 },
];

describe('palette ranking over the built-in plugins', () => {
  it.each(TABLE)('$query', ({ query, lead, also = [], max }) => {
    const ids = rankSpecs(builtinSpecs, query).map((s) => s.id);
    expect(ids.slice(0, lead.length).sort()).toEqual([...lead].sort());
    expect(ids).toEqual(expect.arrayContaining([...also]));
    expect(ids.length).toBeLessThanOrEqual(max);
  });

  it('lists every plugin in palette order for an empty query', () => {
    expect(rankSpecs(builtinSpecs, '  ').map((s) => s.id)).toEqual(builtinSpecs.map((s) => s.id));
  });

  // Issue 17's counts over the same plugins: "spiral" listed 26, "dense" 30, "adam" 23.
  it.each([
    ['spiral', 'two-spirals', 2],
    ['dense', 'dense', 5],
    ['adam', 'adam', 3],
  ] as const)('"%s" gives few results, %s first (was 26, 30, 23)', (query, first, max) => {
    const ids = rankSpecs(builtinSpecs, query).map((s) => s.id);
    expect(ids[0]).toBe(first);
    expect(ids.length).toBeLessThanOrEqual(max);
    expect(ids.length).toBeLessThan(builtinSpecs.length / 8);
  });

  it('every plugin has a one-line doc for the results list', () => {
    for (const spec of builtinSpecs) {
      const line = oneLineDoc(spec.doc);
      expect(line.length, spec.id).toBeGreaterThan(8);
      expect(line.length, spec.id).toBeLessThanOrEqual(90);
      expect(line, spec.id).not.toMatch(/\n/);
    }
    expect(oneLineDoc(`Fully connected layer: ${'y = x '.repeat(20)}. More.`)).toBe('Fully connected layer');
    expect(oneLineDoc('One sentence. Two.')).toBe('One sentence');
    expect(oneLineDoc('a'.repeat(200), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('finds nothing for a word no plugin has', () => {
    expect(rankSpecs(builtinSpecs, 'zebra')).toEqual([]);
  });
});
