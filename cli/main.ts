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
  '  profile FILE [options]  time per node (forward, backward) and per kernel type of a training step',
  '  format [--check] FILE...  rewrite graph files in canonical form (--check: exit 1 if not)',
  '  info                    versions, available backends and the one that would be chosen',
  '  plugin-check [options]  run the plugin contract suite and fixtures (see `netwright plugin-check --help`)',
  '  new-plugin ID           scaffold a third-party plugin folder',
  '  bench NAME [ARGS...]    run bench/NAME.bench.ts',
  '',
].join('\n');

type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/** Commands by name; each module is imported only when used (tfjs loads only where needed). */
const COMMANDS: Readonly<Record<string, { usage: () => Promise<string>; run: Command }>> = {
  validate: {
    usage: async () => (await import('./validate.ts')).VALIDATE_USAGE,
    run: async (a, io) => (await import('./validate.ts')).runValidate(a, io),
  },
  train: {
    usage: async () => (await import('./train.ts')).TRAIN_USAGE,
    run: async (a, io) => (await import('./train.ts')).runTrain(a, io),
  },
  profile: {
    usage: async () => (await import('./profile.ts')).PROFILE_USAGE,
    run: async (a, io) => (await import('./profile.ts')).runProfile(a, io),
  },
  format: {
    usage: async () => (await import('./format.ts')).FORMAT_USAGE,
    run: async (a, io) => (await import('./format.ts')).runFormat(a, io),
  },
  info: {
    usage: () => Promise.resolve('netwright info [--json]'),
    run: async (a, io) => (await import('./info.ts')).runInfo(a, io),
  },
  bench: {
    usage: () => Promise.resolve('netwright bench NAME [ARGS...]'),
    run: async (a, io) => (await import('./bench.ts')).runBench(a, io),
  },
  'plugin-check': {
    usage: () => Promise.resolve(''),
    run: async (a) => (await import('./pluginCheck.ts')).runPluginCheck(a),
  },
  'new-plugin': {
    usage: () => Promise.resolve(''),
    run: async (a) => (await import('./newPlugin.ts')).runNewPlugin(a),
  },
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
