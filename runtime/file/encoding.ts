/**
 * Text encoding of graph files and other JSON the project reads. Files must be UTF-8 without a
 * byte-order mark; anything else is refused with a message naming the encoding, instead of a
 * JSON syntax error about an invisible character.
 */

// TextDecoder exists in every runtime we target, but not in the ES-only lib the runtime is
// type-checked against; typed here rather than pulling in DOM types.
interface StrictDecoder {
  TextDecoder: new (
    label: string,
    options: { fatal: boolean; ignoreBOM: boolean },
  ) => { decode(b: Uint8Array): string };
}
const codecs = globalThis as unknown as StrictDecoder;

/** Why bytes or text are not plain UTF-8 JSON text, or `undefined` when they are. */
export interface EncodingProblem {
  readonly code: 'FILE_ENCODING';
  readonly message: string;
}

function problem(what: string): EncodingProblem {
  return { code: 'FILE_ENCODING', message: `${what}; save the file as UTF-8 without a byte-order mark` };
}

/** Checks text already decoded (a browser `File.text()`, a share link) for encoding traces. */
export function checkTextEncoding(text: string): EncodingProblem | undefined {
  if (text.charCodeAt(0) === 0xfeff) return problem('the file starts with a byte-order mark (U+FEFF)');
  // A UTF-16 file read as UTF-8 has a NUL next to every ASCII character.
  const nul = text.indexOf('\u0000');
  if (nul >= 0 && nul < 4096) return problem('the file looks like UTF-16 (it holds NUL characters)');
  if (text.includes('\ufffd'))
    return problem('the file is not valid UTF-8 (it holds replacement characters U+FFFD)');
  return undefined;
}

/**
 * Decodes file bytes as strict UTF-8.
 * @returns the text, or a problem naming the encoding (byte-order marks, UTF-16, invalid UTF-8
 * with the byte offset).
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: EncodingProblem } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf)
    return { ok: false, problem: problem('the file starts with a UTF-8 byte-order mark (EF BB BF)') };
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff))
    return {
      ok: false,
      problem: problem(`the file is UTF-16 (byte-order mark ${b0 === 0xff ? 'FF FE' : 'FE FF'})`),
    };
  if (bytes.length >= 2 && (b0 === 0 || b1 === 0))
    return { ok: false, problem: problem('the file looks like UTF-16 or binary (it starts with NUL bytes)') };
  try {
    return {
      ok: true,
      text: new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
    };
  } catch {
    return {
      ok: false,
      problem: problem(`the file is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})`),
    };
  }
}

/** Offset of the first byte that breaks UTF-8 (a bounded, allocation-free scan). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return i;
}
