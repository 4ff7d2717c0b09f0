/**
 * `netwright format [--check] [--plugin MODULE]... FILE...` — rewrites graph files in the
 * canonical form the editor saves (stable key order, numbers as JSON writes them), so files
 * diff cleanly. Placeholders of missing plugins are written back unchanged. `--check` writes
 * nothing and exits 1 when a file is not canonical.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { graphTextTooLarge } from '../runtime/file/budgets.ts';
import { serializeGraph } from '../runtime/file/serialize.ts';
import { parseArgs, UsageError } from './args.ts';
import { readGraphFile } from './graphFile.ts';
import { formatDiagnostic, type CliIO } from './io.ts';
import { loadPlugins } from './loadPlugins.ts';

/** Usage of the format command (main.ts puts `usage: ` in front). */
export const FORMAT_USAGE = 'netwright format [--check] [--plugin MODULE]... FILE...';

/** Runs the format command; returns the exit code. */
export async function runFormat(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, { check: 'bool', plugin: 'list' });
  if (positional.length === 0) throw new UsageError('format needs at least one FILE');
  const { registry } = await loadPlugins(flags.plugin ?? []);
  let failed = 0;
  let changed = 0;
  for (const file of positional) {
    const read = await readGraphFile(file, registry);
    if (!read.ok) {
      for (const d of read.diagnostics) io.err(`${formatDiagnostic(file, d)}\n`);
      failed++;
      continue;
    }
    const canonical = serializeGraph(read.doc, registry);
    // One size rule for reading and writing: never write a file the loader would refuse.
    const tooLarge = graphTextTooLarge(canonical.length, 'the canonical form');
    if (tooLarge) {
      const message = `${tooLarge}, so the file is left as it is (it loads only in its compact form)`;
      io.err(`${formatDiagnostic(file, { code: 'FILE_TOO_LARGE', severity: 'error', message })}\n`);
      failed++;
      continue;
    }
    if (canonical === (await readFile(file, 'utf8'))) continue;
    if (flags.check === true) {
      io.out(`${file}: not in canonical form (run netwright format ${file})\n`);
      failed++;
    } else {
      await writeFile(file, canonical);
      io.out(`${file}: formatted\n`);
      changed++;
    }
  }
  io.out(`${formatSummary(positional.length, changed, failed, flags.check === true)}\n`);
  return failed > 0 ? 1 : 0;
}

function files(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

/** The one line `format` ends with, e.g. `format: 3 files: 1 formatted, 2 already canonical`. */
export function formatSummary(total: number, changed: number, failed: number, check: boolean): string {
  const canonical = total - changed - failed;
  const parts = check
    ? [`${canonical} canonical`, `${failed} not canonical or not loadable`]
    : [`${changed} formatted`, `${canonical} already canonical`, `${failed} not loadable`];
  return `format: ${files(total)}: ${parts.filter((p) => !p.startsWith('0 ') || p === parts[0]).join(', ')}`;
}
