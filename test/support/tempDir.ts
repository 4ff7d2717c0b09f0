/** A temporary folder for one test file. Test-only. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Makes a fresh temporary folder (`prefix` and random characters) before the file's tests and
 * removes it, with everything in it, after them. Call once at the top of a test file; the getter
 * it returns throws when called before then.
 */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('the temporary folder is made in beforeAll');
    return dir;
  };
}
