/**
 * A plugin module the user asked to install, read but not yet run: its source, size and
 * SHA-256, which the confirmation shows before any of its code executes.
 */
import { sha256Hex as hashText } from '../../runtime/compile/hash.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Largest module accepted (a plugin is code, not data). */
export const MAX_MODULE_BYTES = 2 * 1024 * 1024;

/** A module ready for the user's confirmation. */
export interface ModuleCandidate {
  readonly kind: 'url' | 'file';
  /** URL or file name. */
  readonly source: string;
  readonly url?: string;
  readonly code: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Why a module could not be read. */
export class ModuleReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleReadError';
  }
}

/**
 * Hex SHA-256 of a text's UTF-8 bytes: the runtime's implementation, which the engine worker
 * also uses to check a module against this hash, so the two can never disagree.
 */
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(hashText(text));
}

function checkSize(source: string, bytes: number): void {
  if (bytes > MAX_MODULE_BYTES) throw new ModuleReadError(`${source} is ${(bytes / 1048576).toFixed(1)} MB; a plugin module may be at most ${MAX_MODULE_BYTES / 1048576} MB`);
  if (bytes === 0) throw new ModuleReadError(`${source} is empty`);
}

/**
 * Fetches a module by URL (relative URLs resolve against `base`, the page). Only http(s) and
 * same-origin paths are accepted.
 */
export async function candidateFromUrl(input: string, base: string, fetcher: typeof fetch = fetch): Promise<ModuleCandidate> {
  const trimmed = input.trim();
  if (trimmed === '') throw new ModuleReadError('enter the URL of a plugin module');
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    throw new ModuleReadError(`"${trimmed}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ModuleReadError(`${url.href}: only http and https modules can be installed`);
  let response: Response;
  try {
    response = await fetcher(url.href);
  } catch (e) {
    throw new ModuleReadError(`${url.href} could not be fetched: ${errorMessage(e)}`);
  }
  if (!response.ok) throw new ModuleReadError(`${url.href} could not be fetched: HTTP ${response.status}`);
  const code = await response.text();
  const bytes = new TextEncoder().encode(code).length;
  checkSize(url.href, bytes);
  return { kind: 'url', source: url.href, url: url.href, code, sha256: await sha256Hex(code), bytes };
}

/** Reads a local module file (a standalone ES module: one file, no imports). */
export async function candidateFromFile(file: File): Promise<ModuleCandidate> {
  checkSize(file.name, file.size);
  const code = await file.text();
  return { kind: 'file', source: file.name, code, sha256: await sha256Hex(code), bytes: file.size };
}
