/**
 * `netwright format [--check] [--plugin MODULE]... FILE...` — rewrites graph files in the
 * canonical form the editor saves (stable key order, numbers as JSON writes them), so files
 * diff cleanly. Placeholders of missing plugins are written back unchanged. `--check` writes
 * nothing and exits 1 when a file is not canonical.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { serializeGraph } from '../runtime/file/serialize.ts';
import { parseArgs, UsageError } from './args.ts';
import { readGraphFile } from './graphFile.ts';
import { formatDiagnostic, type CliIO } from './io.ts';
import { loadPlugins } from './loadPlugins.ts';

/** Usage of the format command. */
export const FORMAT_USAGE = 'usage: netwright format [--check] [--plugin MODULE]... FILE...';

/** Runs the format command; returns the exit code. */
export async function runFormat(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, { check: 'bool', plugin: 'list' });
  if (positional.length === 0) throw new UsageError('format needs at least one FILE');
  const { registry } = await loadPlugins(flags.plugin ?? []);
  let failed = 0;
  for (const file of positional) {
    const read = await readGraphFile(file, registry);
    if (!read.ok) {
      for (const d of read.diagnostics) io.err(`${formatDiagnostic(file, d)}\n`);
      failed++;
      continue;
    }
    const canonical = serializeGraph(read.doc, registry);
    if (canonical === (await readFile(file, 'utf8'))) continue;
    if (flags.check === true) {
      io.out(`${file}: not in canonical form (run netwright format ${file})\n`);
      failed++;
    } else {
      await writeFile(file, canonical);
      io.out(`${file}: formatted\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
