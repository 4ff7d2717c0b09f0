/**
 * What the commands that run one graph file share (`predict`, `sample`, `export`, `profile`):
 * the file compiled with the built-in and `--plugin` plugins, its problems printed as
 * `FILE: where: message`, and a body run on a started tfjs backend whose failure is one line.
 */
import { Engine } from '../runtime/exec/engine.ts';
import type { BackendPreference } from '../runtime/exec/backends.ts';
import { UsageError } from './args.ts';
import { compileFile, type CompiledFile } from './graphFile.ts';
import { errorLine, formatDiagnostic, type CliIO } from './io.ts';
import { loadPlugins, type PluginSet } from './loadPlugins.ts';

/** A command's graph file, compiled, and the plugins it was compiled with. */
export interface CommandGraph {
  readonly plugins: PluginSet;
  readonly compiled: Extract<CompiledFile, { ok: true }>;
}

/**
 * Loads the built-in plugins and the `--plugin` modules, then reads and compiles `file`. When it
 * does not compile, prints each diagnostic to stdout and returns undefined (the command exits 1).
 * With `warnings` set, the file's warnings go to stderr first, whether or not it compiles.
 */
export async function compileCommandGraph(
  file: string,
  pluginModules: readonly string[],
  io: CliIO,
  { warnings }: { readonly warnings: boolean },
): Promise<CommandGraph | undefined> {
  const plugins = await loadPlugins(pluginModules);
  const compiled = await compileFile(file, plugins.registry);
  if (warnings) for (const w of compiled.warnings) io.err(`${formatDiagnostic(file, w)}\n`);
  if (!compiled.ok) {
    for (const d of compiled.diagnostics) io.out(`${formatDiagnostic(file, d)}\n`);
    return undefined;
  }
  return { plugins, compiled };
}

/**
 * Starts `backend` (an {@link Engine}, disposed when `body` ends) and returns `body`'s exit code.
 * A failure prints one line naming `file` and returns 1; a {@link UsageError} passes through
 * (usage, exit 2).
 */
export async function runOnBackend(file: string, backend: BackendPreference, io: CliIO, body: () => Promise<number>): Promise<number> {
  const engine = new Engine();
  try {
    await engine.init(backend);
    return await body();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    io.out(`${errorLine(file, e)}\n`);
    return 1;
  } finally {
    engine.dispose();
  }
}
