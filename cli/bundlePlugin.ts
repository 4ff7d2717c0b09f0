/**
 * `netwright plugin bundle DIR -o NAME.plugin.js`: turns a TypeScript plugin module (a folder's
 * `index.ts`, or a file) into the standalone form every host installs from a file or a URL:
 * one ES module with no imports whose default export is the factory `(sdk) => ({ specs,
 * lowerings })` (runtime/host/pluginModule.ts). esbuild bundles the plugin's own files and any
 * packages it uses; imports of the public SDK (`runtime/sdk/*`, `runtime/exec/sdk.ts`,
 * `runtime/lower/*`, `runtime/exec/tf.ts`) become reads of the SDK object the host passes, so
 * the plugin's tensors are the host's. A header names the plugins, their versions, the SDK
 * version and the SHA-256 of the code under the header.
 */
import type { Plugin } from 'esbuild';
import { sha256Hex } from '../runtime/compile/hash.ts';
import {
  createPluginSdk,
  PLUGIN_SDK_VERSION,
  pluginModuleError,
  resolvePluginModule,
} from '../runtime/host/pluginModule.ts';
import { errorMessage } from '../runtime/sdk/errors.ts';
import { REPO_ROOT } from './root.ts';

/** The name the factory's SDK parameter has inside the bundle. */
const SDK_PARAM = '__netwrightSdk';

/** The SDK module every public SDK import is redirected to. */
const SDK_NAMESPACE = 'netwright-sdk';

/** Paths (relative to the checkout, posix) whose imports are the SDK the host hands over. */
const SDK_FILES = [
  /^runtime\/sdk\/[^/]+\.ts$/,
  /^runtime\/lower\/[^/]+\.ts$/,
  /^runtime\/exec\/sdk\.ts$/,
  /^runtime\/exec\/tf\.ts$/,
  /^runtime\/exec\/hostReads\.ts$/,
];

/** What a bundle holds, as its header states it. */
export interface PluginBundle {
  /** The whole file: header and code. */
  readonly text: string;
  /** SHA-256 (hex) of the code under the header. */
  readonly codeSha256: string;
  /** SHA-256 (hex) of the whole file: what the editor shows when it is installed. */
  readonly fileSha256: string;
  readonly plugins: readonly { readonly id: string; readonly version: string }[];
}

/** The SDK module's source: every SDK export (and `tf`) read from the factory's parameter. */
function sdkModuleSource(): string {
  const names = Object.keys(createPluginSdk()).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  return `export const { ${names.join(', ')} } = ${SDK_PARAM};\n`;
}

function posixRelative(path: string): string | undefined {
  const root = `${REPO_ROOT.replace(/\\/g, '/')}/`;
  const p = path.replace(/\\/g, '/');
  return p.startsWith(root) ? p.slice(root.length) : undefined;
}

/** esbuild's errors as `file:line: text` lines (its own message repeats them with more noise). */
function buildErrors(e: unknown): string {
  const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
    .errors;
  if (!Array.isArray(errors) || errors.length === 0) return errorMessage(e);
  return errors
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text))
    .join('; ');
}

/** Runs esbuild; returns the factory's body (CommonJS, run inside the factory) and the files it read. */
async function buildBody(entry: string): Promise<{ body: string; inputs: string[] }> {
  const esbuild = await import('esbuild');
  const sdkSource = sdkModuleSource();
  const redirect: Plugin = {
    name: 'netwright-sdk',
    setup(b) {
      b.onResolve({ filter: /^@tensorflow\// }, (args) => ({
        errors: [
          {
            text: `${args.importer} imports ${args.path}: use tf from runtime/exec/tf.ts (the host's tfjs), never a tfjs package of its own`,
          },
        ],
      }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (
          args.kind === 'entry-point' ||
          args.pluginData === 'inner' ||
          !(args.path.startsWith('.') || args.path.startsWith('/'))
        )
          return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const rel = posixRelative(resolved.path);
        if (rel === undefined) return undefined;
        if (SDK_FILES.some((re) => re.test(rel))) return { path: 'sdk', namespace: SDK_NAMESPACE };
        if (
          rel.startsWith('runtime/') ||
          rel.startsWith('plugins/') ||
          rel.startsWith('editor/') ||
          rel.startsWith('workers/') ||
          rel.startsWith('cli/')
        ) {
          return {
            errors: [
              {
                text: `${args.importer} imports ${rel}, which is not part of the public SDK: a plugin may import runtime/sdk/index.ts, runtime/exec/sdk.ts and runtime/exec/tf.ts`,
              },
            ],
          };
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: SDK_NAMESPACE }, () => ({ contents: sdkSource, loader: 'js' }));
    },
  };
  const result = await esbuild
    .build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      charset: 'utf8',
      legalComments: 'inline',
      logLevel: 'silent',
      metafile: true,
      plugins: [redirect],
    })
    .catch((e: unknown) => {
      throw new Error(buildErrors(e));
    });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild wrote nothing');
  const imports = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
  if (imports.length > 0) throw new Error(`the bundle would still import ${imports.join(', ')}`);
  return { body: out.text, inputs: Object.keys(result.metafile.inputs).filter((i) => !i.includes(':')) };
}

/** The body as a factory module: the CommonJS body runs inside the default export. */
function factoryCode(body: string): string {
  return [
    `export default function netwrightPlugin(${SDK_PARAM}) {`,
    '  const module = { exports: {} };',
    '  const exports = module.exports;',
    body.trimEnd(),
    '  const made = module.exports;',
    `  return typeof made.default === 'function' ? made.default(${SDK_PARAM}) : { specs: made.specs, lowerings: made.lowerings };`,
    '}',
    '',
  ].join('\n');
}

/** A plugin module's standalone factory code (no header, not loaded) and the files it was built from. */
export interface PluginFactoryCode {
  readonly code: string;
  /** The files esbuild read, relative to the current directory. */
  readonly inputs: readonly string[];
}

/**
 * Builds the standalone factory code of the module at `entry` without loading it (the dev
 * server's develop mode does this on every save; the page then loads it).
 * @throws an Error whose message lists esbuild's errors as `file:line: text`.
 */
export async function buildPluginFactory(entry: string): Promise<PluginFactoryCode> {
  const { body, inputs } = await buildBody(entry);
  return { code: factoryCode(body), inputs };
}

/** Imports a module from its text (a data: URL: nothing is written). */
async function importText(code: string): Promise<unknown> {
  return (await import(
    `data:text/javascript;base64,${Buffer.from(code, 'utf8').toString('base64')}`
  )) as unknown;
}

/**
 * Bundles the plugin module at `entry` (an `index.ts` or any module file) into a standalone
 * factory module; checks it loads through the host contract and states its plugins in the
 * header.
 * @throws a `PLUGIN_MODULE` error naming `source` when it cannot be bundled or does not load.
 */
export async function bundlePlugin(entry: string, source: string = entry): Promise<PluginBundle> {
  let code: string;
  try {
    code = (await buildPluginFactory(entry)).code;
  } catch (e) {
    throw pluginModuleError(source, `could not be bundled: ${errorMessage(e)}`);
  }
  const contents = resolvePluginModule(await importText(code), source, createPluginSdk());
  const plugins = contents.specs.map((s) => ({ id: s.id, version: s.version }));
  const codeSha256 = sha256Hex(code);
  const header = [
    `// Netwright plugin bundle: ${plugins.map((p) => `${p.id} ${p.version}`).join(', ')}`,
    `// Standalone (no imports): install it from a file or a URL; the host passes its SDK (version ${PLUGIN_SDK_VERSION}) to the default export.`,
    `// Built by \`netwright plugin bundle\` from ${source}. SHA-256 of the code below this header: ${codeSha256}`,
    '',
  ].join('\n');
  const text = header + code;
  return { text, codeSha256, fileSha256: sha256Hex(text), plugins };
}
