/**
 * `netwright plugin-check [--backend wasm|cpu] [--plugin MODULE]... FIXTURE...` — runs
 * fixture files (../shared/fixtures format) against the registered plugins and prints the
 * largest error per fixture. Exit 0 when all pass, 1 on any failure or unknown plugin, 2 on
 * bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { builtinSpecs } from '../../plugins/index.ts';
import type { AnyPluginSpec } from '../sdk/index.ts';
import type { AnyPluginLowering } from '../exec/lowering.ts';
import { parseFixture, runFixture, type FixtureReport } from '../exec/fixtures/index.ts';
import { tf } from '../exec/tf.ts';

const USAGE = 'usage: netwright plugin-check [--backend wasm|cpu] FIXTURE.json...';

interface Args {
  backend: 'wasm' | 'cpu';
  files: string[];
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { backend: 'wasm', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--backend') {
      const b = argv[++i];
      if (b !== 'wasm' && b !== 'cpu') return `--backend must be wasm or cpu (got ${b ?? 'nothing'})`;
      args.backend = b;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else args.files.push(a);
  }
  return args.files.length === 0 ? 'no fixture files given' : args;
}

function summarise(r: FixtureReport): string {
  const worst = [...r.checks].sort((a, b) => b.worstRatio - a.worstRatio)[0];
  const maxErr = Math.max(0, ...r.checks.map((c) => c.maxAbsError));
  const head = `${r.ok ? 'PASS' : 'FAIL'} ${r.name}`;
  const stats = worst
    ? `  max|Δ| ${maxErr.toExponential(2)}; tightest ${worst.path} at ${(worst.worstRatio * 100).toFixed(1)}% of tolerance`
    : '';
  const lines = [head + stats];
  for (const c of r.checks) if (!c.ok) lines.push(`     ${c.path}: ${c.message ?? 'out of tolerance'}`);
  if (r.error) lines.push(`     ${r.error}`);
  return lines.join('\n');
}

/** Lookup table of the plugins plugin-check can run. */
export function pluginTable(
  specs: readonly AnyPluginSpec[] = builtinSpecs,
  lowerings: readonly AnyPluginLowering[] = builtinLowerings,
): Map<string, { spec: AnyPluginSpec; lowering: AnyPluginLowering | undefined }> {
  const low = new Map(lowerings.map((l) => [l.id, l]));
  return new Map(specs.map((s) => [s.id, { spec: s, lowering: low.get(s.id) }]));
}

/** Entry point used by the CLI; returns the process exit code. */
export async function runPluginCheck(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`plugin-check: ${args}\n${USAGE}`);
    return 2;
  }
  await tf.setBackend(args.backend);
  await tf.ready();
  const table = pluginTable();
  let failed = 0;
  for (const file of args.files) {
    let report: FixtureReport;
    try {
      const fx = parseFixture(await readFile(file, 'utf8'));
      const entry = table.get(fx.plugin);
      if (!entry?.lowering) {
        report = { name: fx.name, ok: false, checks: [], error: `unknown plugin "${fx.plugin}" (not registered)` };
      } else {
        report = await runFixture(fx, { spec: entry.spec, lowering: entry.lowering });
      }
    } catch (e) {
      report = { name: file, ok: false, checks: [], error: e instanceof Error ? e.message : String(e) };
    }
    if (!report.ok) failed++;
    console.log(summarise(report));
  }
  const total = args.files.length;
  console.log(`\nplugin-check on ${tf.getBackend()}: ${total - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
