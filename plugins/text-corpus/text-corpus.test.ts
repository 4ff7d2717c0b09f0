import { beforeAll, describe, expect, it } from 'vitest';
import { createDatasetShelf } from '../_shared/datasetShelf.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { buildCharVocab, decodeUtf8, encodeCorpus, unigramBitsPerToken } from './corpus.ts';
import { corpusSource, loadCorpus, type CorpusSourceParams } from './lower.ts';
import { corpusVocabSize } from './spec.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const params = (over: Partial<CorpusSourceParams> = {}): CorpusSourceParams => ({
  dataset: 't.txt',
  size: 0,
  sha256: 'a'.repeat(64),
  level: 'char',
  vocab: '',
  context: 4,
  evalFraction: 0.25,
  evalWindows: 8,
  seed: 3,
  ...over,
});

describe('text corpus: decoding and vocabulary', () => {
  it('decodes UTF-8 into code points and builds the sorted character vocabulary', () => {
    const cps = decodeUtf8(utf8('\ufeffbä€a𝄞'), 'x.txt');
    expect(Array.from(cps)).toEqual([0x62, 0xe4, 0x20ac, 0x61, 0x1d11e]);
    expect(buildCharVocab(cps)).toBe('abä€𝄞');
  });

  it('refuses what is not text, naming the file and the byte offset', () => {
    expect(() => decodeUtf8(new Uint8Array(0), 'empty.txt')).toThrow('"empty.txt" is empty (0 bytes)');
    expect(() => decodeUtf8(Uint8Array.from([0x41, 0x42, 0x00, 0x43]), 'a.bin')).toThrow('"a.bin" is not UTF-8 text: a NUL byte at byte offset 2');
    expect(() => decodeUtf8(Uint8Array.from([0x41, 0xff]), 'b.bin')).toThrow('byte 0xff at byte offset 1');
    expect(() => decodeUtf8(Uint8Array.from([0x41, 0xe2, 0x82]), 'c.txt')).toThrow('a truncated character at byte offset 1');
    expect(() => decodeUtf8(Uint8Array.from([0xc3, 0x41]), 'd.txt')).toThrow('byte 0x41 inside a character at byte offset 0');
  });

  it('encodes through a saved vocabulary and names a character it lacks', () => {
    const c = encodeCorpus(utf8('abca'), 'x.txt', 'char', 'cba');
    expect(Array.from(c.ids)).toEqual([2, 1, 0, 2]);
    expect(c.vocabSize).toBe(3);
    expect(() => encodeCorpus(utf8('abz'), 'x.txt', 'char', 'ab')).toThrow('character U+007A "z" at character 2 of "x.txt" is not in the node\'s vocabulary (2 characters)');
    expect(Array.from(encodeCorpus(Uint8Array.from([0, 255, 7]), 'x.bin', 'byte', '').ids)).toEqual([0, 255, 7]);
    expect(corpusVocabSize({ level: 'byte', vocab: 'ab' })).toBe(256);
    expect(corpusVocabSize({ level: 'char', vocab: 'a€𝄞' })).toBe(3);
  });

  it('gives the unigram baseline of the tail under the training counts (add-one)', () => {
    // 8 tokens, tail = last 2 ("ab"); training counts a:3 b:3 over 6 tokens, vocab 2 -> (3+1)/8 each.
    const c = encodeCorpus(utf8('aabbabab'), 'x.txt', 'char', 'ab');
    expect(unigramBitsPerToken(c, 0.25)).toBeCloseTo(1, 12);
  });
});

describe('text corpus: windows', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz0123456789'; // 36 tokens, tail of 9 from index 27
  const corpus = encodeCorpus(utf8(text), 't.txt', 'char', buildCharVocab(decodeUtf8(utf8(text), 't.txt')));
  const decode = (ids: ArrayLike<number>): string => Array.from(ids, (i) => '0123456789abcdefghijklmnopqrstuvwxyz'[i]).join('');

  it('gives y = x shifted by one, training windows before the tail and eval windows tiling it', async () => {
    const src = corpusSource(corpus, params());
    expect(src.size).toEqual({ train: 23, eval: 2 });
    const b = src.batch('train', 0, 16);
    const [x, y] = [await b.x!.data(), await b.y!.data()];
    for (let r = 0; r < 16; r++) {
      const xs = decode(x.subarray(r * 4, r * 4 + 4));
      const ys = decode(y.subarray(r * 4, r * 4 + 4));
      expect(ys.slice(0, 3)).toBe(xs.slice(1));
      expect(text.indexOf(xs + ys.slice(3))).toBeLessThan(27 - 4); // the whole window, target included, is before the tail
    }
    const e = src.all('eval');
    expect(decode(await e.x!.data())).toBe('123456789'.slice(0, 8));
    expect(decode(await e.y!.data())).toBe('23456789');
    tf.dispose([...Object.values(b), ...Object.values(e)]);
  });

  it('draws the same windows for the same seed and others for another', async () => {
    const draw = async (seed: number): Promise<number[]> => {
      const src = corpusSource(corpus, params({ seed }));
      const out: number[] = [];
      for (const i of [0, 1]) {
        const b = src.batch('train', i, 8);
        out.push(...(await b.x!.data()));
        tf.dispose(Object.values(b));
      }
      return out;
    };
    expect(await draw(3)).toEqual(await draw(3));
    expect(await draw(4)).not.toEqual(await draw(3));
  });

  it('explains a corpus too short for one window', () => {
    expect(() => corpusSource(corpus, params({ context: 40 }))).toThrow('fewer than one window needs (context 40 + 1)');
    expect(() => corpusSource(corpus, params({ evalFraction: 0.01 }))).toThrow('the held-out tail has 0 tokens');
  });

  it('says which dataset is missing and how to supply it', () => {
    const shelf = createDatasetShelf();
    expect(() => loadCorpus(params(), shelf)).toThrow('dataset "t.txt" (0 bytes, SHA-256 aaaaaaaaaaaa…) is not loaded here: in the CLI pass --data NODE=PATH');
    const bytes = utf8(text);
    shelf.put({ name: 't.txt', size: bytes.length, sha256: 'a'.repeat(64), bytes });
    expect(loadCorpus(params({ vocab: corpusVocab() }), shelf).ids.length).toBe(36);
  });

  function corpusVocab(): string {
    return buildCharVocab(decodeUtf8(utf8(text), 't.txt'));
  }
});
