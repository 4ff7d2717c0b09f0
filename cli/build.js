// Builds the `netwright` CLI to JavaScript in dist-cli/ (`npm run build:cli`; `prepare` runs it on
// `npm ci`), or in `--outdir DIR` (a folder inside the checkout, so packages resolve from its
// node_modules; cli/build.test.ts builds a private copy). Plain JavaScript on purpose: it runs
// before anything is built, with esbuild only.
//
// Every source file that cli/main.ts reaches (its lazily imported commands included), plus the
// module hooks cli/tsHooks.ts, is compiled on its own into the same layout (cli/main.ts ->
// dist-cli/cli/main.js). Imports stay imports (`./x.ts` becomes `./x.js`, packages such as tfjs
// load from node_modules), so a command loads only the modules it uses (`--help` no tfjs), and a
// TypeScript plugin module can share the CLI's modules (cli/tsHooks.ts). dist-cli/build.json
// records the build time and the inputs: bin/netwright.js uses it to notice a stale build.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = values.outdir === undefined ? join(root, 'dist-cli') : resolve(values.outdir);
const startedAt = Date.now();
const common = {
  absWorkingDir: root,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.node.json',
  logLevel: 'warning',
};

// Which sources the CLI uses: esbuild's module graph of cli/main.ts (nothing written).
const scan = await build({
  ...common,
  entryPoints: ['cli/main.ts'],
  bundle: true,
  packages: 'external',
  write: false,
  metafile: true,
  outdir,
});
const inputs = [...new Set([...Object.keys(scan.metafile.inputs), 'cli/tsHooks.ts'])]
  .filter((f) => f.endsWith('.ts'))
  .sort();

/** Leaves every import to Node, with `.ts` in relative paths as `.js`. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const relative = args.path.startsWith('./') || args.path.startsWith('../');
      return { path: relative ? args.path.replace(/\.ts$/, '.js') : args.path, external: true };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: inputs,
  outbase: '.',
  outdir,
  bundle: true,
  plugins: [keepImports],
  sourcemap: 'linked',
  charset: 'utf8',
});
await writeFile(join(outdir, 'build.json'), `${JSON.stringify({ builtAt: startedAt, inputs }, null, 1)}\n`);
console.log(
  `netwright CLI: ${inputs.length} modules built into ${relative(root, outdir)}/ in ${Date.now() - startedAt} ms`,
);
