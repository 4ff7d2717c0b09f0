/**
 * SHA-256 of text, for graph hashes and plugin pinning: a thin adapter over `@noble/hashes`
 * (audited, synchronous, no dependencies; runs in the page, a worker and Node). Synchronous on
 * purpose: Web Crypto's digest is async, and the compiler is not.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of a string's UTF-8 bytes (lone surrogates become U+FFFD, as `TextEncoder` does), as
 * 64 lowercase hex digits.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
