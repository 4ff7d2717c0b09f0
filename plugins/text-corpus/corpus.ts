/**
 * A text corpus as token ids: strict UTF-8 decoding, the character or byte vocabulary, encoding
 * against a saved vocabulary, and the unigram baseline in bits per character. Pure functions on
 * typed arrays (no tfjs), shared by the lowering, the CLI and the tests.
 */

/** Token level: one id per Unicode character, or one per byte (vocabulary of 256). */
export type CorpusLevel = 'char' | 'byte';

/** A corpus encoded against its vocabulary. */
export interface EncodedCorpus {
  /** Token ids, in file order. */
  readonly ids: Uint16Array;
  /** Number of distinct ids the vocabulary allows (256 at byte level). */
  readonly vocabSize: number;
}

/** A text corpus problem the user can act on (the node's lowering prefixes the node). */
export class CorpusError extends Error {}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/**
 * Decodes UTF-8 strictly into code points. Refuses what is not text: an empty file, a NUL byte
 * (binary files have them; text files do not), and invalid or truncated sequences, each with the
 * byte offset, so a binary file picked as text gets a clear message instead of garbage tokens.
 */
export function decodeUtf8(bytes: Uint8Array, name: string): Uint32Array {
  if (bytes.length === 0) throw new CorpusError(`"${name}" is empty (0 bytes): pick a text file with some text in it`);
  const out = new Uint32Array(bytes.length);
  let n = 0;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const bad = (why: string): never => {
    throw new CorpusError(`"${name}" is not UTF-8 text: ${why} at byte offset ${i}; it looks like a binary file (choose level "byte" to train on raw bytes)`);
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0) bad('a NUL byte');
    let len: number;
    let cp: number;
    if (b < 0x80) [len, cp] = [1, b];
    else if (b >= 0xc2 && b < 0xe0) [len, cp] = [2, b & 0x1f];
    else if (b >= 0xe0 && b < 0xf0) [len, cp] = [3, b & 0x0f];
    else if (b >= 0xf0 && b < 0xf5) [len, cp] = [4, b & 0x07];
    else return bad(`byte ${hex(b)}`);
    if (i + len > bytes.length) bad('a truncated character');
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) bad(`byte ${hex(c)} inside a character`);
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = len === 1 ? 0 : len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bad('an invalid character encoding');
    out[n++] = cp;
    i += len;
  }
  return out.subarray(0, n);
}

/** The characters of a corpus, sorted by code point: id i is the i-th character. */
export function buildCharVocab(codePoints: Uint32Array): string {
  const seen = new Set<number>();
  for (const cp of codePoints) seen.add(cp);
  return String.fromCodePoint(...[...seen].sort((a, b) => a - b));
}

/** Characters of a saved vocabulary string, in id order. */
export function vocabChars(vocab: string): string[] {
  return Array.from(vocab);
}

function describeChar(cp: number): string {
  const shown = cp < 0x20 || cp === 0x7f ? '' : ` "${String.fromCodePoint(cp)}"`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}${shown}`;
}

/** Encodes a corpus at the given level; char level maps each character through `vocab`. */
export function encodeCorpus(bytes: Uint8Array, name: string, level: CorpusLevel, vocab: string): EncodedCorpus {
  if (level === 'byte') {
    if (bytes.length === 0) throw new CorpusError(`"${name}" is empty (0 bytes): pick a file with some data in it`);
    return { ids: Uint16Array.from(bytes), vocabSize: 256 };
  }
  const codePoints = decodeUtf8(bytes, name);
  const chars = vocabChars(vocab);
  const index = new Map<number, number>();
  chars.forEach((c, i) => index.set(c.codePointAt(0)!, i));
  const ids = new Uint16Array(codePoints.length);
  for (let i = 0; i < codePoints.length; i++) {
    const id = index.get(codePoints[i]!);
    if (id === undefined) {
      throw new CorpusError(
        `character ${describeChar(codePoints[i]!)} at character ${i} of "${name}" is not in the node's vocabulary (${chars.length} characters): clear "vocab" to build it from this file`,
      );
    }
    ids[i] = id;
  }
  return { ids, vocabSize: chars.length };
}

/** Where the held-out tail starts: the last `evalFraction` of the tokens. */
export function evalStart(tokens: number, evalFraction: number): number {
  return tokens - Math.floor(tokens * evalFraction);
}

/**
 * Cross-entropy of the held-out tail under the training part's character frequencies (add-one
 * smoothing), in bits per token: the loss a model that ignores context reaches at best.
 */
export function unigramBitsPerToken(corpus: EncodedCorpus, evalFraction: number): number {
  const start = evalStart(corpus.ids.length, evalFraction);
  const counts = new Float64Array(corpus.vocabSize);
  for (let i = 0; i < start; i++) counts[corpus.ids[i]!]!++;
  const total = start + corpus.vocabSize;
  let bits = 0;
  for (let i = start; i < corpus.ids.length; i++) bits -= Math.log2((counts[corpus.ids[i]!]! + 1) / total);
  return bits / Math.max(1, corpus.ids.length - start);
}

/** A loss in nats per token as bits per character. */
export function natsToBits(nats: number): number {
  return nats / Math.LN2;
}
