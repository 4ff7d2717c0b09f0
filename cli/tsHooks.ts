/**
 * Node module hooks for the built CLI, registered by importModule.ts when it first imports a
 * TypeScript file (a `--plugin` module, a scaffold's reference.ts); they run on Node's hooks
 * thread. A `.ts` file is compiled to JavaScript with esbuild as it loads (one file at a time,
 * so `import.meta.url` and package imports behave as under tsx). An import of a Netwright source
 * that the CLI was built from is pointed at its built copy in dist-cli/, so a plugin shares the
 * CLI's modules (one tfjs with the project's kernels, one SDK) instead of loading a second copy.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { InitializeHook, LoadHook, ResolveFnOutput, ResolveHook } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What importModule.ts passes to {@link initialize}. */
export interface TsHooksData {
  /** The repository root. */
  readonly root: string;
  /** The built CLI's folder (dist-cli/). */
  readonly buildRoot: string;
}

let root = '';
let buildRoot = '';

/** Receives the checkout's root and the built CLI's folder. */
export const initialize: InitializeHook<TsHooksData> = (data) => {
  root = data.root;
  buildRoot = data.buildRoot;
};

const TYPESCRIPT = /\.m?ts$/;

function isTypeScript(url: string): boolean {
  return url.startsWith('file:') && TYPESCRIPT.test(new URL(url).pathname);
}

/** The built copy of a Netwright source file, if the CLI was built from it. */
function builtCopy(file: string): string | undefined {
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === 'node_modules' || !rel.endsWith('.ts'))
    return undefined;
  const copy = join(buildRoot, `${rel.slice(0, -'.ts'.length)}.js`);
  return existsSync(copy) ? copy : undefined;
}

/** Node's resolution, then a built copy in place of a Netwright source. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  let resolved: ResolveFnOutput;
  try {
    resolved = await nextResolve(specifier, context);
  } catch (e) {
    // TypeScript's convention: `./x.js` in a TypeScript source may name `./x.ts`.
    if (
      !specifier.startsWith('.') ||
      !specifier.endsWith('.js') ||
      context.parentURL === undefined ||
      !isTypeScript(context.parentURL)
    )
      throw e;
    resolved = await nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
  }
  if (!isTypeScript(resolved.url)) return resolved;
  const copy = builtCopy(fileURLToPath(resolved.url));
  return copy === undefined
    ? resolved
    : { url: pathToFileURL(copy).href, format: 'module', shortCircuit: true };
};

/** TypeScript files compile to ES modules; everything else loads as Node would. */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (!isTypeScript(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { transform } = await import('esbuild');
  const { code } = await transform(await readFile(file, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
};
