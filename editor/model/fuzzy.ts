/**
 * A small fuzzy scorer for the palette and quick-add search. Scores favour, in order: exact
 * matches, prefixes, word starts (`gla` in "Gated Linear Attention"), contiguous runs, and
 * finally any in-order subsequence. Case-insensitive. No dependencies, no allocations per char.
 */

/** Score of one query against one text; `0` means no match. Higher is better. */
export function fuzzyScore(query: string, text: string): number {
  const q = query.trim().toLowerCase();
  if (q === '') return 1;
  const t = text.toLowerCase();
  if (t === q) return 1000;
  if (t.startsWith(q)) return 800 - Math.min(t.length - q.length, 100);
  const at = t.indexOf(q);
  if (at >= 0) return (isWordStart(text, at) ? 600 : 400) - Math.min(at, 100);
  const acro = acronymScore(q, text);
  if (acro > 0) return acro;
  return subsequenceScore(q, t, text);
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charAt(i - 1);
  const cur = text.charAt(i);
  if (/[\s._\-/()[\]]/.test(prev)) return true;
  // camelCase boundary: "quadraticDense" has a word start at "D".
  return prev === prev.toLowerCase() && cur !== cur.toLowerCase();
}

/** Matches the query against the initials of the text's words: "gla" -> Gated Linear Attention. */
function acronymScore(q: string, text: string): number {
  let qi = 0;
  for (let i = 0; i < text.length && qi < q.length; i++) {
    if (isWordStart(text, i) && text.charAt(i).toLowerCase() === q.charAt(qi)) qi++;
  }
  return qi === q.length ? 500 : 0;
}

function subsequenceScore(q: string, t: string, text: string): number {
  let score = 0;
  let qi = 0;
  let run = 0;
  for (let i = 0; i < t.length && qi < q.length; i++) {
    if (t.charAt(i) === q.charAt(qi)) {
      qi++;
      run++;
      score += 2 + run * 2 + (isWordStart(text, i) ? 6 : 0);
    } else {
      run = 0;
    }
  }
  if (qi < q.length) return 0;
  return Math.max(1, Math.min(score, 300) - Math.floor(t.length / 10));
}

/** One searchable field of an item with a weight (titles count more than docs). */
export interface FuzzyField {
  readonly text: string;
  readonly weight: number;
}

/**
 * Ranks items by their best-scoring field. Items that match nowhere are dropped; ties keep the
 * input order, so an empty query lists everything in palette order.
 */
export function fuzzyRank<T>(query: string, items: readonly T[], fields: (item: T) => readonly FuzzyField[]): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    let best = 0;
    for (const f of fields(item)) best = Math.max(best, fuzzyScore(query, f.text) * f.weight);
    if (best > 0) scored.push({ item, score: best, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}
