/**
 * `netwright plugin-check [--backend wasm|cpu] [--plugin MODULE]... [--contract-all] [--verbose]
 * [FIXTURE...]` — the plugin conformance kit. Loads third-party plugin modules next to the
 * built-ins, runs the contract suite (runtime/exec/contract) on every plugin from `--plugin`
 * (on every plugin with `--contract-all`), then runs the fixture files (format of
 * docs/fixtures.md) and prints the largest error per fixture. One line per check, then totals. Exit 0
 * when all pass, 1 on any failure or unknown plugin, 2 on bad arguments or unloadable modules.
 */
import { readFile } from 'node:fs/promises';
import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import type { AnyPluginLowering } from '../runtime/lower/lowering.ts';
import { formatContractReport, runContract } from '../runtime/exec/contract/index.ts';
import { parseFixture, runFixture, type FixtureReport } from '../runtime/exec/fixtures/index.ts';
import { tf } from '../runtime/exec/tf.ts';
import { parseArgs, UsageError, type ParsedArgs } from './args.ts';
import { loadPlugins, type PluginSet } from './loadPlugins.ts';
import { errorMessage } from '../runtime/sdk/errors.ts';

const USAGE =
  'usage: netwright plugin-check [--backend wasm|cpu] [--plugin MODULE]... [--contract-all] [--verbose] [FIXTURE.json...]\n' +
  '  --plugin MODULE   load a plugin module (exports `specs` and `lowerings`); repeatable; a folder means its index.ts\n' +
  '  --contract-all    run the contract suite on the built-in plugins too (default: only --plugin ones)\n' +
  '  --verbose         print what each passing check verified';

const FLAGS = { backend: ['wasm', 'cpu'], plugin: 'list', 'contract-all': 'bool', verbose: 'bool' } as const;

interface Args {
  backend: 'wasm' | 'cpu';
  plugins: readonly string[];
  contractAll: boolean;
  verbose: boolean;
  files: readonly string[];
}

/** The checks to run, `'help'`, or what is wrong with the command line. */
function readArgs(argv: readonly string[]): Args | string {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  let parsed: ParsedArgs<typeof FLAGS>;
  try {
    parsed = parseArgs(argv, FLAGS);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  const { flags, positional } = parsed;
  const args: Args = {
    backend: flags.backend ?? 'wasm',
    plugins: flags.plugin ?? [],
    contractAll: flags['contract-all'] === true,
    verbose: flags.verbose === true,
    files: positional,
  };
  if (args.files.length === 0 && args.plugins.length === 0 && !args.contractAll) return 'nothing to check: give fixture files, --plugin MODULE or --contract-all';
  return args;
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
  specs: readonly AnyPluginSpec[],
  lowerings: readonly AnyPluginLowering[],
): Map<string, { spec: AnyPluginSpec; lowering: AnyPluginLowering | undefined }> {
  const low = new Map(lowerings.map((l) => [l.id, l]));
  return new Map(specs.map((s) => [s.id, { spec: s, lowering: low.get(s.id) }]));
}

/** Runs one fixture file against the table; never throws. */
export async function checkFixtureFile(file: string, table: ReturnType<typeof pluginTable>): Promise<FixtureReport> {
  try {
    const fx = parseFixture(await readFile(file, 'utf8'));
    const entry = table.get(fx.plugin);
    if (!entry?.lowering) return { name: fx.name, ok: false, checks: [], error: `unknown plugin "${fx.plugin}" (not registered; load it with --plugin MODULE)` };
    return await runFixture(fx, { spec: entry.spec, lowering: entry.lowering });
  } catch (e) {
    return { name: file, ok: false, checks: [], error: errorMessage(e) };
  }
}

/** Entry point used by the CLI; returns the process exit code. */
export async function runPluginCheck(argv: readonly string[]): Promise<number> {
  const args = readArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    console.error(`plugin-check: ${args}\n${USAGE}`);
    return 2;
  }
  let plugins: PluginSet;
  try {
    plugins = await loadPlugins(args.plugins);
  } catch (e) {
    console.error(`plugin-check: ${errorMessage(e)}`);
    return 2;
  }
  await tf.setBackend(args.backend);
  await tf.ready();
  const table = pluginTable(plugins.specs, plugins.lowerings);
  const contractIds = args.contractAll ? plugins.specs.map((s) => s.id) : plugins.external;
  let checks = 0;
  let failed = 0;
  for (const id of contractIds) {
    const entry = table.get(id)!;
    const report = await runContract(entry.spec, entry.lowering);
    checks += report.checks.length;
    failed += report.checks.filter((c) => !c.ok).length;
    console.log(formatContractReport(report, args.verbose));
  }
  for (const file of args.files) {
    const report = await checkFixtureFile(file, table);
    checks++;
    if (!report.ok) failed++;
    console.log(summarise(report));
  }
  console.log(
    `\nplugin-check on ${tf.getBackend()}: ${checks - failed} passed, ${failed} failed ` +
      `(${contractIds.length} plugin(s) under contract, ${args.files.length} fixture(s))`,
  );
  return failed > 0 ? 1 : 0;
}
