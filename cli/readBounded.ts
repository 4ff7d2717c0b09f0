/**
 * Reading a text file with a size limit enforced while reading: `/dev/zero`, a pipe or a huge
 * file stops one byte past the limit instead of being read whole. The bytes are decoded as
 * strict UTF-8, so a byte-order mark, UTF-16 or invalid UTF-8 is named, not parsed.
 */
import { open } from 'node:fs/promises';
import { decodeUtf8 } from '../runtime/file/encoding.ts';
import { MAX_FILE_CHARS } from '../runtime/file/limits.ts';
import { errorMessage, type Diagnostic } from '../runtime/sdk/errors.ts';

/** Result of {@link readBoundedText}. */
export type BoundedRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

const CHUNK = 1024 * 1024;

/**
 * Reads at most `limit` bytes of `file` as UTF-8 text.
 * @returns the text, or a diagnostic: `CLI_READ` (missing or unreadable), `FILE_TOO_LARGE`
 * (more than `limit` bytes; the rest is never read) or `FILE_ENCODING`.
 */
export async function readBoundedText(file: string, limit = MAX_FILE_CHARS): Promise<BoundedRead> {
  let bytes: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const buffer = new Uint8Array(Math.min(CHUNK, limit + 1 - total));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
        if (total > limit) {
          const mb = limit / (1024 * 1024);
          const message = `the file is larger than ${mb} MB, the limit (reading stopped there)`;
          return { ok: false, diagnostic: { code: 'FILE_TOO_LARGE', severity: 'error', message, path: '' } };
        }
      }
      bytes = Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : errorMessage(e);
    return {
      ok: false,
      diagnostic: { code: 'CLI_READ', severity: 'error', message: `cannot read the file: ${why}` },
    };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, diagnostic: { ...decoded.problem, severity: 'error', path: '' } };
  return { ok: true, text: decoded.text };
}
