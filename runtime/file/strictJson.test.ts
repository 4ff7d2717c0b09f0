import { describe, expect, it } from 'vitest';
import { parseFixture } from '../exec/fixtures/format.ts';
import { unpackWeights } from '../exec/weightsPack.ts';
import { parseStrictJson } from './strictJson.ts';

function packedWithHeader(header: string): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length);
  out.set([0x4e, 0x57, 0x57, 0x31]);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  return out;
}

describe('duplicate keys are errors wherever JSON is read', () => {
  it('names the path of the second key', () => {
    const r = parseStrictJson('{"tensors": {"h1/kernel": [1], "h1/kernel": [2]}}');
    expect(r.ok ? undefined : r.problem).toMatchObject({
      code: 'FILE_DUPLICATE_KEY',
      path: 'tensors.h1/kernel',
    });
    expect(parseStrictJson('{"a": [{"b": 1}, {"b": 2}]}').ok).toBe(true);
  });

  it('in the header of a binary weight file', () => {
    const bytes = packedWithHeader('{"entries": [], "entries": []}');
    expect(() => unpackWeights(bytes)).toThrow(
      /header is not valid JSON \(entries: the key "entries" appears twice/,
    );
  });

  it('in fixtures', () => {
    expect(() => parseFixture('{"format": "netwright.fixture", "version": 1, "version": 1}')).toThrow(
      'not valid fixture JSON: version: the key "version" appears twice',
    );
  });
});
