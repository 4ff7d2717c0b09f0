/**
 * Fuzzy ranking for the palette and quick-add search: a thin layer over `@leeoniya/ufuzzy`.
 * Every term of the query must match at a word start (a space, punctuation or a camelCase
 * boundary: "norm" finds "PowerNorm" and "layer-norm", not "abnormal"), so a specific word
 * shows few results. Fields come in tiers (say titles and ids, then categories, then docs):
 * every item matched in one tier ranks above the items first matched in a later one, and
 * within a tier an exact match comes first, then prefixes, then uFuzzy's order (most contiguous
 * characters, fewest insertions, word starts, earliest match).
 */
import uFuzzy from '@leeoniya/ufuzzy';

/** One tier of searchable texts of an item, e.g. its title and id. */
export interface FuzzyTier<T> {
  readonly texts: (item: T) => readonly string[];
  /**
   * Tolerate one typo per word after its first letter (uFuzzy's single-error mode): words of
   * five or more letters allow a substitution, swap, insertion or omission, words of three or
   * four a swap (four also an insertion), shorter ones none. Off for prose, where it finds too much.
   */
  readonly typos: boolean;
}

// uFuzzy's option enums are ambient `const enum`s, which isolated modules cannot read: their values.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- BoundMode.Loose, see above
const WORD_START = 1 as uFuzzy.BoundMode.Loose;
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- IntraMode.SingleError, see above
const SINGLE_ERROR = 1 as uFuzzy.IntraMode.SingleError;
const tolerant = new uFuzzy({ interLft: WORD_START, intraMode: SINGLE_ERROR });
const exact = new uFuzzy({ interLft: WORD_START, intraIns: 0 });

/** Terms are matched in any order up to this many ("shift scale" finds "Scale shift"). */
const OUT_OF_ORDER_TERMS = 3;

/** Positions in `haystack` that match `query`, best first. */
function search(matcher: uFuzzy, haystack: string[], query: string): number[] {
  const [idxs, info, order] = matcher.search(haystack, query, OUT_OF_ORDER_TERMS, Infinity);
  if (idxs === null) return [];
  if (info === null) return idxs;
  return order.map((i) => info.idx[i]!);
}

/** 0 when one of the texts is the query, 1 when one starts with it, else 2 (case-insensitive). */
function closeness(texts: readonly string[], q: string): number {
  let best = 2;
  for (const text of texts) {
    const t = text.toLowerCase();
    if (t === q) return 0;
    if (t.startsWith(q)) best = 1;
  }
  return best;
}

/**
 * Items ranked for `query`; items that match in no tier are dropped. An empty query (or one
 * with no letters or digits) keeps every item in input order, so the palette lists all.
 */
export function fuzzyRank<T>(query: string, items: readonly T[], tiers: readonly FuzzyTier<T>[]): T[] {
  if (tolerant.split(query).length === 0) return [...items];
  const q = query.trim().toLowerCase();
  const seen = new Set<number>();
  const ranked: T[] = [];
  for (const tier of tiers) {
    const owner: number[] = [];
    const haystack: string[] = [];
    items.forEach((item, i) => {
      for (const text of tier.texts(item)) {
        owner.push(i);
        haystack.push(text);
      }
    });
    const found: { index: number; closeness: number }[] = [];
    for (const at of search(tier.typos ? tolerant : exact, haystack, query)) {
      const index = owner[at]!;
      if (seen.has(index)) continue;
      seen.add(index);
      found.push({ index, closeness: closeness(tier.texts(items[index]!), q) });
    }
    // A stable sort: uFuzzy's order holds among equally close items.
    found.sort((a, b) => a.closeness - b.closeness);
    for (const f of found) ranked.push(items[f.index]!);
  }
  return ranked;
}
