/**
 * Share links: a graph file compressed with deflate and written as base64url into the URL hash
 * (`#graph=…`). The hash never reaches a server. Decoding is defensive: the payload is size
 * limited (a tiny link must not inflate into gigabytes) and is only handed to the file loader
 * as text, which validates it like any other file.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Name of the hash parameter that carries a graph. */
export const SHARE_HASH_KEY = 'graph';

/** Largest graph text a link may inflate to. */
export const MAX_SHARED_BYTES = 8 * 1024 * 1024;

/** Why a share link could not be read. */
export class ShareLinkError extends Error {
  readonly code = 'SHARE_BAD_LINK';
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('share link is not valid base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new ShareLinkError('share link is not valid base64url');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compresses graph-file text into the payload of a share link. */
export function encodeSharePayload(graphText: string): string {
  return toBase64Url(deflateSync(strToU8(graphText), { level: 9 }));
}

/** Inflates a share payload back into graph-file text; throws {@link ShareLinkError}. */
export function decodeSharePayload(payload: string, maxBytes = MAX_SHARED_BYTES): string {
  const packed = fromBase64Url(payload);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failed: string | undefined;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) failed = `share link inflates to more than ${maxBytes} bytes`;
    else chunks.push(chunk);
  });
  try {
    // Push in slices so an oversized payload stops early instead of inflating all of it.
    for (let i = 0; i < packed.length && failed === undefined; i += 4096) {
      inflater.push(packed.subarray(i, i + 4096), i + 4096 >= packed.length);
    }
  } catch (e) {
    throw new ShareLinkError(`share link is corrupt (${errorMessage(e)})`);
  }
  if (failed !== undefined) throw new ShareLinkError(failed);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  try {
    return strFromU8(out);
  } catch {
    throw new ShareLinkError('share link does not hold UTF-8 text');
  }
}

/** The full link for a graph, given the page's base URL (without hash). */
export function shareUrl(baseUrl: string, graphText: string): string {
  const base = baseUrl.split('#')[0] ?? baseUrl;
  return `${base}#${SHARE_HASH_KEY}=${encodeSharePayload(graphText)}`;
}

/** The share payload in a location hash (`#graph=…`), or undefined when there is none. */
export function sharePayloadFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const v = params.get(SHARE_HASH_KEY);
  return v === null || v === '' ? undefined : v;
}
