import { describe, expect, it } from 'vitest';
import { fuzzyRank, type FuzzyTier } from './fuzzy.ts';

const byText = (typos = true): FuzzyTier<string>[] => [{ texts: (t) => [t], typos }];

describe('fuzzyRank', () => {
  const items = ['Dense', 'Conv2D', 'Dropout', 'Gated Linear Attention', 'Dense residual'];

  it('keeps input order for an empty query, or one with no letters or digits', () => {
    expect(fuzzyRank('', items, byText())).toEqual(items);
    expect(fuzzyRank(' - ', items, byText())).toEqual(items);
  });

  it('puts the exact match first, then prefixes, then other word starts; drops non-matches', () => {
    const list = ['Quadratic dense', 'dense residual', 'Dense', 'Condensed'];
    expect(fuzzyRank('dense', list, byText())).toEqual(['Dense', 'dense residual', 'Quadratic dense']);
  });

  it('matches at word starts only: spaces, punctuation and camelCase', () => {
    const list = ['abnormal', 'PowerNorm', 'layer-norm', 'Norm'];
    // uFuzzy ranks a word start after punctuation above a camelCase one.
    expect(fuzzyRank('norm', list, byText())).toEqual(['Norm', 'layer-norm', 'PowerNorm']);
  });

  it('is case-insensitive and needs every word, in any order', () => {
    expect(fuzzyRank('DENSE', items, byText())).toEqual(['Dense', 'Dense residual']);
    expect(fuzzyRank('attention gated', items, byText())).toEqual(['Gated Linear Attention']);
    expect(fuzzyRank('gated xyz', items, byText())).toEqual([]);
    expect(fuzzyRank('scale shift', ['acme.scaleShift', 'Scale'], byText())).toEqual(['acme.scaleShift']);
  });

  it('forgives one typo in a longer word where the tier allows it', () => {
    expect(fuzzyRank('dropuot', items, byText())).toEqual(['Dropout']);
    expect(fuzzyRank('dropuot', items, byText(false))).toEqual([]);
  });

  it('ranks every match of an earlier tier above a later one, each item once', () => {
    const specs = [
      { title: 'Softmax', doc: 'exp(x) over the last axis; pair with cross-entropy' },
      { title: 'Cross-entropy', doc: 'softmax cross-entropy from logits' },
    ];
    const tiers: FuzzyTier<(typeof specs)[number]>[] = [
      { texts: (s) => [s.title], typos: true },
      { texts: (s) => [s.doc], typos: false },
    ];
    expect(fuzzyRank('softmax', specs, tiers).map((s) => s.title)).toEqual(['Softmax', 'Cross-entropy']);
    expect(fuzzyRank('cross', specs, tiers).map((s) => s.title)).toEqual(['Cross-entropy', 'Softmax']);
  });
});
