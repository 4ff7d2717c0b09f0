import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeSharePayload, encodeSharePayload, sharePayloadFromHash, shareUrl, ShareLinkError } from './shareLink.ts';

describe('share links', () => {
  it('round-trips graph text, including non-ASCII', () => {
    const text = JSON.stringify({ format: 'netwright.graph', meta: { title: 'Spirale à deux bras — 螺旋' } });
    const url = shareUrl('http://x/app?a=1#old', text);
    expect(url.startsWith('http://x/app?a=1#graph=')).toBe(true);
    const payload = sharePayloadFromHash(new URL(url).hash);
    expect(payload).toBeDefined();
    expect(decodeSharePayload(payload!)).toBe(text);
  });

  it('compresses repetitive graphs well', () => {
    const text = JSON.stringify({ nodes: Array.from({ length: 200 }, (_, i) => ({ id: `dense${i}`, type: 'dense' })) });
    expect(encodeSharePayload(text).length).toBeLessThan(text.length / 4);
  });

  it('rejects garbage, truncated and oversized payloads with a ShareLinkError', () => {
    expect(() => decodeSharePayload('not base64!')).toThrow(ShareLinkError);
    const good = encodeSharePayload('{"a":1}'.repeat(50));
    expect(() => decodeSharePayload(good.slice(0, 6))).toThrow(ShareLinkError);
    const bomb = btoa(String.fromCharCode(...deflateSync(new Uint8Array(1_000_000))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(() => decodeSharePayload(bomb, 10_000)).toThrow(/more than 10000 bytes/);
  });

  it('finds no payload in an unrelated hash', () => {
    expect(sharePayloadFromHash('#foo=1')).toBeUndefined();
    expect(sharePayloadFromHash('')).toBeUndefined();
  });
});
