/**
 * A plugin module the user asked to install, read but not yet run: its source, size and
 * SHA-256, which the confirmation shows before any of its code executes.
 */
import { sha256Hex as hashText } from '../../runtime/compile/hash.ts';
import { firstImport, PLUGIN_BUNDLE_ENDPOINT } from '../../runtime/host/standalone.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Largest module accepted (a plugin is code, not data). */
export const MAX_MODULE_BYTES = 2 * 1024 * 1024;

/** A module ready for the user's confirmation. */
export interface ModuleCandidate {
  readonly kind: 'url' | 'file';
  /** URL or file name. */
  readonly source: string;
  readonly url?: string;
  /** The code that will run: the module itself, or its standalone bundle when it has imports. */
  readonly code: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Set when `code` is the dev server's bundle of the module at `url` (which has imports). */
  readonly bundled?: boolean;
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
  const imported = firstImport(code);
  if (imported === undefined) return { kind: 'url', source: url.href, url: url.href, code, sha256: await sha256Hex(code), bytes };
  const bundle = await devBundle(url.href, fetcher, imported);
  return { kind: 'url', source: url.href, url: url.href, code: bundle.code, sha256: bundle.sha256, bytes: new TextEncoder().encode(bundle.code).length, bundled: true };
}

/** What the dev server's bundler answers. */
export interface DevBundle {
  readonly code: string;
  readonly sha256: string;
  /** The files the bundle was built from, relative to the dev server's root. */
  readonly inputs: readonly string[];
}

/**
 * The standalone bundle of a module with imports, from the dev server that serves it
 * (runtime/host/standalone.ts). Elsewhere (the production build, another origin) there is no
 * bundler: the error says to bundle it with the CLI.
 * @param imported - the module's first import, for the message
 */
export async function devBundle(moduleUrl: string, fetcher: typeof fetch = fetch, imported?: string): Promise<DevBundle> {
  const url = new URL(moduleUrl);
  const standaloneOnly =
    `${url.href} imports other modules${imported !== undefined ? ` ("${imported}")` : ''}, which would be fetched unchecked each time it runs: ` +
    'only a standalone module can be pinned to the code you confirm. Bundle it with `npx netwright plugin bundle DIR -o NAME.plugin.js` and install that file';
  const sameOrigin = typeof location === 'undefined' || url.origin === location.origin;
  if (!sameOrigin) throw new ModuleReadError(standaloneOnly);
  let response: Response;
  try {
    response = await fetcher(`${url.origin}${PLUGIN_BUNDLE_ENDPOINT}?path=${encodeURIComponent(url.pathname)}`);
  } catch (e) {
    throw new ModuleReadError(`${url.href} could not be bundled by the dev server: ${errorMessage(e)}`);
  }
  const body = (await response.json().catch(() => undefined)) as Partial<DevBundle> & { error?: string } | undefined;
  if (response.status === 422 && typeof body?.error === 'string') throw new ModuleReadError(body.error);
  if (!response.ok || typeof body?.code !== 'string' || typeof body.sha256 !== 'string') throw new ModuleReadError(standaloneOnly);
  if ((await sha256Hex(body.code)) !== body.sha256) throw new ModuleReadError(`${url.href}: the dev server's bundle does not match its own SHA-256`);
  return { code: body.code, sha256: body.sha256, inputs: body.inputs ?? [] };
}

/** Reads a local module file (a standalone ES module: one file, no imports). */
export async function candidateFromFile(file: File): Promise<ModuleCandidate> {
  checkSize(file.name, file.size);
  const code = await file.text();
  return { kind: 'file', source: file.name, code, sha256: await sha256Hex(code), bytes: file.size };
}
