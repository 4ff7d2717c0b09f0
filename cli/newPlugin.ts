/**
 * `netwright new-plugin <id> [--dir DIR]` — scaffolds a third-party plugin folder that passes
 * `plugin-check` and its own test as generated: spec.ts, lower.ts, index.ts (the plugin
 * module), reference.ts (float64 reference that writes the fixture), plugin.test.ts, README.md
 * and fixtures/<id>/basic.json, for a `y = x * w + b` layer to edit into your own node.
 * The default folder is ./<id> in the current directory, or my-plugins/<id>/ when that is inside
 * the Netwright checkout (git- and lint-ignored, outside the test globs, so `npm test` never picks
 * a half-edited scaffold up). Never overwrites.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { builtinSpecs } from '../plugins/index.ts';
import { errorMessage, NetwrightError } from '../runtime/sdk/index.ts';
import { parseArgs, UsageError, type ParsedArgs } from './args.ts';
import { titleFromSegment } from './pluginTitle.ts';
import { importModuleFile } from './importModule.ts';
import { REPO_ROOT } from './root.ts';

const USAGE = 'usage: netwright new-plugin <namespace.name> [--dir DIR]   (e.g. new-plugin acme.scaleShift)';

/** The templates stay in the sources: the built CLI (dist-cli/) reads them from there too. */
const TEMPLATES = join(REPO_ROOT, 'cli', 'templates');

/** Generated file -> template it comes from. The fixture file is added per id. */
const FILES: Readonly<Record<string, string>> = {
  'spec.ts': 'spec.ts.tmpl',
  'lower.ts': 'lower.ts.tmpl',
  'index.ts': 'index.ts.tmpl',
  'reference.ts': 'reference.ts.tmpl',
  'plugin.test.ts': 'plugin.test.ts.tmpl',
  'README.md': 'README.md.tmpl',
};

const SEGMENT = /^[a-z][a-zA-Z0-9-]*$/;

/**
 * Why an id is not acceptable for a third-party plugin, or undefined. Ids are namespaced
 * (`acme.myLayer`): at least two dot-separated segments, each starting with a lower-case
 * letter, then letters, digits or hyphens.
 */
export function checkPluginId(id: string, taken: readonly string[] = builtinSpecs.map((s) => s.id)): string | undefined {
  const parts = id.split('.');
  if (parts.some((p) => !SEGMENT.test(p))) {
    return `"${id}" is not a valid plugin id: use dot-separated segments of letters, digits and hyphens, each starting with a lower-case letter (e.g. acme.myLayer)`;
  }
  if (parts.length < 2) return `"${id}" is not namespaced: third-party ids look like <namespace>.<name>, e.g. acme.${id}`;
  if (taken.includes(id)) return `"${id}" is already the id of a built-in plugin`;
  return undefined;
}

function camel(segment: string): string {
  return segment.replace(/-([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

function posix(p: string): string {
  return p.split(sep).join('/');
}

/** A path as the user should type it: relative to the current directory unless that climbs out. */
function displayPath(path: string): string {
  const rel = posix(relative(process.cwd(), path));
  return rel === '' ? '.' : rel.startsWith('..') ? posix(path) : rel;
}

/** Top folders of the checkout whose tests `npm test` collects (vitest.config.ts's include). */
const TESTED_FOLDERS: readonly string[] = ['runtime', 'cli', 'plugins', 'editor', 'workers', 'test', 'examples'];

/** Where the scaffold goes inside the checkout by default: ignored by git, lint and the tests. */
export const SCRATCH_FOLDER = 'my-plugins';

/** Whether `path` is `root` or below it. */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The default target folder: `<cwd>/<id>`, or `<root>/my-plugins/<id>` when the current
 * directory is inside the Netwright checkout at `root`.
 */
export function defaultPluginDir(id: string, cwd: string = process.cwd(), root: string = REPO_ROOT): string {
  return isInside(resolve(cwd), root) ? join(root, SCRATCH_FOLDER, id) : join(resolve(cwd), id);
}

/** Vitest collects only the checkout's tested folders: any other folder needs `--root`. */
function vitestCommand(dir: string, root: string, shown: string): string {
  const top = posix(relative(root, dir)).split('/')[0] ?? '';
  const collected = isInside(dir, root) && TESTED_FOLDERS.includes(top);
  return collected ? `npx vitest run ${shown}` : `npx vitest run --root ${shown}`;
}

/** What {@link scaffoldPlugin} needs. */
export interface ScaffoldOptions {
  readonly id: string;
  /** Target folder; default {@link defaultPluginDir}. */
  readonly dir?: string;
  /** The Netwright root the generated imports point at. Default {@link REPO_ROOT}. */
  readonly root?: string;
  /** How the README names the folder (default: relative to the current directory). */
  readonly displayDir?: string;
}

/** Writes the plugin folder; returns the absolute paths written. Throws a coded error. */
export async function scaffoldPlugin(opts: ScaffoldOptions): Promise<string[]> {
  const problem = checkPluginId(opts.id);
  if (problem) throw new NetwrightError('CLI_NEW_PLUGIN_ID', problem);
  const root = opts.root ?? REPO_ROOT;
  const dir = resolve(opts.dir ?? defaultPluginDir(opts.id, process.cwd(), root));
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new NetwrightError('CLI_NEW_PLUGIN_EXISTS', `${dir} already exists and is not empty: new-plugin never overwrites (choose another --dir)`, { path: dir });
  }
  const rel = posix(relative(dir, root)) || '.';
  const last = opts.id.split('.').at(-1)!;
  const displayDir = opts.displayDir ?? displayPath(dir);
  const vars: Record<string, string> = {
    ID: opts.id,
    NAME: camel(last),
    TITLE: titleFromSegment(last),
    ROOT: rel.startsWith('.') ? rel : `./${rel}`,
    DIR: displayDir,
    VITEST: vitestCommand(dir, root, displayDir),
    // The editor's dev server serves the checkout: the module URL is the path from its root.
    DEV_URL: isInside(dir, root) ? `/${posix(relative(root, dir))}/index.ts` : `/my-plugins/${opts.id}/index.ts (the dev server serves the checkout: move the folder there)`,
  };
  const fill = (text: string): string => text.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => vars[k] ?? m);
  await mkdir(join(dir, 'fixtures', opts.id), { recursive: true });
  const written: string[] = [];
  for (const [file, template] of Object.entries(FILES)) {
    const path = join(dir, file);
    await writeFile(path, fill(await readFile(join(TEMPLATES, template), 'utf8')), { flag: 'wx' });
    written.push(path);
  }
  // The fixture comes from the generated reference itself, so the two can never disagree.
  const reference = (await importModuleFile(join(dir, 'reference.ts'))) as { basicFixture: () => unknown };
  const fixture = join(dir, 'fixtures', opts.id, 'basic.json');
  await writeFile(fixture, JSON.stringify(reference.basicFixture(), null, 2) + '\n', { flag: 'wx' });
  written.push(fixture);
  return written;
}

/** Entry point used by the CLI; returns the process exit code. */
export async function runNewPlugin(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${USAGE}\n  --dir DIR   where to create the folder (default ./<id>, or my-plugins/<id>/ inside the Netwright checkout)`);
    return 0;
  }
  let parsed: ParsedArgs<{ dir: 'string' }>;
  try {
    parsed = parseArgs(argv, { dir: 'string' });
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  const [id, extra] = parsed.positional;
  const { dir } = parsed.flags;
  if (id === undefined) return usage('no plugin id given');
  if (extra !== undefined) return usage(`unexpected argument ${extra}`);
  try {
    const files = await scaffoldPlugin({ id, dir });
    const abs = dirname(files[0]!);
    const folder = displayPath(abs);
    console.log(`created ${files.length} files in ${folder}/:`);
    for (const f of files) console.log(`  ${displayPath(f)}`);
    console.log(`\nnext:\n  npx netwright plugin-check --plugin ${folder}/index.ts ${folder}/fixtures/${id}/*.json`);
    console.log(`  ${vitestCommand(abs, REPO_ROOT, folder)}\n  then edit spec.ts, lower.ts and reference.ts (see docs/plugins.md)`);
    return 0;
  } catch (e) {
    console.error(`new-plugin: ${errorMessage(e)}`);
    return e instanceof NetwrightError && e.code === 'CLI_NEW_PLUGIN_ID' ? 2 : 1;
  }
}

function usage(message: string): number {
  console.error(`new-plugin: ${message}\n${USAGE}`);
  return 2;
}
