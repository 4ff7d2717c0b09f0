import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../compile/hash.ts';
import { changeSinceConfirmed } from './confirmedCode.ts';

describe('changeSinceConfirmed', () => {
  it('passes the confirmed code and describes other code with both hashes', () => {
    const code = 'export const specs = [];';
    const confirmed = sha256Hex(code);
    expect(changeSinceConfirmed(code, confirmed)).toBeUndefined();
    const now = sha256Hex(`${code} // v2`);
    expect(changeSinceConfirmed(`${code} // v2`, confirmed)).toBe(`changed since it was confirmed (SHA-256 ${confirmed.slice(0, 12)}… then, ${now.slice(0, 12)}… now)`);
  });
});
