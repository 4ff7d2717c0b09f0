import { describe, expect, it } from 'vitest';
import { fuzzyRank, fuzzyScore } from './fuzzy.ts';

describe('fuzzyScore', () => {
  it('ranks exact > prefix > word start > acronym > substring > subsequence > none', () => {
    const exact = fuzzyScore('dense', 'dense');
    const prefix = fuzzyScore('den', 'dense layer');
    const word = fuzzyScore('lin', 'Gated Linear Attention');
    const sub = fuzzyScore('ens', 'dense');
    const acro = fuzzyScore('gla', 'Gated Linear Attention');
    const subseq = fuzzyScore('dns', 'dense');
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(acro);
    expect(acro).toBeGreaterThan(sub);
    expect(sub).toBeGreaterThan(subseq);
    expect(subseq).toBeGreaterThan(0);
    expect(fuzzyScore('xyz', 'dense')).toBe(0);
  });

  it('is case-insensitive and treats camelCase as word starts', () => {
    expect(fuzzyScore('DENSE', 'dense')).toBe(1000);
    expect(fuzzyScore('qd', 'quadraticDense')).toBeGreaterThan(0);
  });
});

describe('fuzzyRank', () => {
  const items = ['Dense', 'Conv2D', 'Dropout', 'Gated Linear Attention'];
  it('keeps input order for an empty query', () => {
    expect(fuzzyRank('', items, (t) => [{ text: t, weight: 1 }])).toEqual(items);
  });
  it('drops non-matches and sorts by score', () => {
    expect(fuzzyRank('d', items, (t) => [{ text: t, weight: 1 }])).toEqual(['Dense', 'Dropout', 'Conv2D', 'Gated Linear Attention']);
    expect(fuzzyRank('gla', items, (t) => [{ text: t, weight: 1 }])).toEqual(['Gated Linear Attention']);
  });
});
