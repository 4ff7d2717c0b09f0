/**
 * Imports a module file the user names: a `--plugin` module, a scaffold's reference.ts. Run from
 * the sources (tsx, vitest), TypeScript already loads. The built CLI is plain JavaScript, so
 * before its first TypeScript file it registers the module hooks of tsHooks.ts, which compile
 * TypeScript with esbuild as it loads and share the CLI's own modules with the plugin.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BUILD_ROOT, REPO_ROOT, RUNNING_BUILT } from './root.ts';
import type { TsHooksData } from './tsHooks.ts';

let hooksRegistered = false;

/** Imports `file` (an absolute path), TypeScript included. */
export async function importModuleFile(file: string): Promise<unknown> {
  if (RUNNING_BUILT && !hooksRegistered && /\.m?ts$/.test(file)) {
    register<TsHooksData>('./tsHooks.js', {
      parentURL: import.meta.url,
      data: { root: REPO_ROOT, buildRoot: BUILD_ROOT },
    });
    hooksRegistered = true;
  }
  return (await import(pathToFileURL(file).href)) as unknown;
}
