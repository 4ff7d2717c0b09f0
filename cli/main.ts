/**
 * The `netwright` command line: validate, train, profile, format, info, plugin-check, new-plugin, bench.
 * bin/netwright.js runs it built (dist-cli/cli/main.js, cli/build.js) or through tsx. Bad
 * arguments print usage and exit 2; errors print one line naming the file and node, never a
 * stack trace. Static imports stay light (no tfjs, no graph loader): `--help` loads only these.
 */
import { pathToFileURL } from 'node:url';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { UsageError } from './args.ts';
import { errorLine, processIO, type CliIO } from './io.ts';

/** The overall usage text. */
export const USAGE = [
  'usage: netwright <command> [options]',
  '',
  'commands:',
  '  validate FILE...        load, compile and run one batch of each graph file; exit 1 on any error',
  '  train FILE [options]    train a graph (see `netwright train --help`)',
  '  sample FILE --weights W  generate text from a trained language model (see `netwright sample --help`)',
  '  predict FILE --weights W INPUT...  class probabilities of images (IDX or PGM) from a trained classifier',
  '  profile FILE [options]  time per node (forward, backward) and per kernel type of a training step',
  '  format [--check] FILE...  rewrite graph files in canonical form (--check: exit 1 if not)',
  '  export torch FILE -o DIR  the graph as PyTorch code: model.py, train.py (DDP), weights, README',
  '  info                    versions, available backends and the one that would be chosen',
  '  plugin-check [options]  run the plugin contract suite and fixtures (see `netwright plugin-check --help`)',
  '  new-plugin ID           scaffold a third-party plugin folder',
  '  plugin bundle DIR -o NAME.plugin.js  a plugin folder as one standalone module to share and install',
  '  bench NAME [ARGS...]    run bench/NAME.bench.ts',
  '',
].join('\n');

type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

interface CommandEntry {
  readonly usage: () => Promise<string>;
  readonly run: Command;
}

/** A command whose module is imported only when it runs or its usage is asked for. */
function lazy<M>(load: () => Promise<M>, usage: (m: M) => string, run: (m: M) => Command): CommandEntry {
  return { usage: async () => usage(await load()), run: async (a, io) => run(await load())(a, io) };
}

/** Commands by name; each module is imported only when used (tfjs loads only where needed). */
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: lazy(() => import('./validate.ts'), (m) => m.VALIDATE_USAGE, (m) => m.runValidate),
  train: lazy(() => import('./train.ts'), (m) => m.TRAIN_USAGE, (m) => m.runTrain),
  sample: lazy(() => import('./sample.ts'), (m) => m.SAMPLE_USAGE, (m) => m.runSample),
  predict: lazy(() => import('./predict.ts'), (m) => m.PREDICT_USAGE, (m) => m.runPredict),
  profile: lazy(() => import('./profile.ts'), (m) => m.PROFILE_USAGE, (m) => m.runProfile),
  format: lazy(() => import('./format.ts'), (m) => m.FORMAT_USAGE, (m) => m.runFormat),
  export: lazy(() => import('./export.ts'), (m) => m.EXPORT_USAGE, (m) => m.runExport),
  info: lazy(() => import('./info.ts'), () => 'netwright info [--json]', (m) => m.runInfo),
  bench: lazy(() => import('./bench.ts'), () => 'netwright bench NAME [ARGS...]', (m) => m.runBench),
  plugin: lazy(() => import('./pluginCommand.ts'), (m) => m.PLUGIN_USAGE, (m) => m.runPlugin),
  // These two parse their own arguments and print their own usage.
  'plugin-check': lazy(() => import('./pluginCheck.ts'), () => '', (m) => m.runPluginCheck),
  'new-plugin': lazy(() => import('./newPlugin.ts'), () => '', (m) => m.runNewPlugin),
};

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`netwright: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  // plugin-check and new-plugin parse their own arguments (and print their own usage).
  const ownsHelp = name === 'plugin-check' || name === 'new-plugin';
  if (!ownsHelp && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(`usage: ${await command.usage()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`netwright ${name}: ${e.message}\nusage: ${await command.usage()}\n`);
      return 2;
    }
    // A plugin module that cannot be loaded is a setup problem, as in plugin-check.
    if (e instanceof NetwrightError && e.code.startsWith('PLUGIN_')) {
      io.err(`netwright ${name}: ${e.message}\n`);
      return 2;
    }
    io.err(`${errorLine(`netwright ${name}`, e)}\n`);
    return 1;
  }
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(invoked).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
