/**
 * `netwright plugin bundle DIR -o NAME.plugin.js`: the sharing step of the plugin author's path
 * (scaffold -> check -> develop live -> bundle -> share -> install). DIR is a plugin folder
 * (its `index.ts`) or a module file; the bundle (bundlePlugin.ts) is written to `-o`, and the
 * command prints its plugins, size and the SHA-256 the editor shows when it is installed.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, UsageError } from './args.ts';
import { bundlePlugin } from './bundlePlugin.ts';
import type { CliIO } from './io.ts';
import { modulePath } from './loadPlugins.ts';

/** Usage text of the plugin command. */
export const PLUGIN_USAGE =
  'netwright plugin bundle DIR|MODULE -o NAME.plugin.js   (a standalone module to share and install)';

/** Runs `plugin SUBCOMMAND`; returns the exit code. */
export async function runPlugin(argv: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'bundle')
    throw new UsageError(
      sub === undefined ? 'plugin needs a subcommand: bundle' : `unknown plugin subcommand "${sub}" (bundle)`,
    );
  const { flags, positional } = parseArgs(
    rest.map((a) => (a === '-o' ? '--out' : a)),
    { out: 'string' },
  );
  const [dir, extra] = positional;
  if (dir === undefined) throw new UsageError('plugin bundle needs the plugin folder or module');
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  const out = flags.out;
  if (out === undefined) throw new UsageError('plugin bundle needs -o NAME.plugin.js');
  if (!out.endsWith('.js'))
    throw new UsageError(`-o ${out}: a bundle is a JavaScript module; name it NAME.plugin.js`);
  const bundle = await bundlePlugin(await modulePath(dir), dir);
  await writeFile(out, bundle.text);
  const kb = (Buffer.byteLength(bundle.text) / 1024).toFixed(1);
  io.out(
    `${out}: ${bundle.plugins.map((p) => `${p.id} ${p.version}`).join(', ')} (${kb} KB, no imports)\n` +
      `  SHA-256 ${bundle.fileSha256} (the editor shows it when you install the file)\n` +
      `  check it: npx netwright plugin-check --plugin ${out}\n`,
  );
  return 0;
}
