/**
 * `netwright validate FILE...`: load, compile, build the weights and run one small inference
 * batch per file. Prints `FILE: path/node/port: message` per problem and a summary per valid
 * file. Exit 0 when every file is valid and ran (warnings allowed), else 1: a graph that
 * cannot run, nodes of plugins that are not loaded included, exits 1 with a line saying to
 * load them with `--plugin MODULE`.
 */
import { capDiagnostics } from '../runtime/compile/capDiagnostics.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { costDiagnostics, graphBatchSize, machineCostBudget } from '../runtime/infer/costBudget.ts';
import { inferGraph } from '../runtime/infer/inferGraph.ts';
import { totalmem } from 'node:os';
import { Engine } from '../runtime/exec/engine.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { parseArgs, UsageError } from './args.ts';
import { attachData } from './attachData.ts';
import { readGraphFile } from './graphFile.ts';
import { errorLine, formatDiagnostic, type CliIO } from './io.ts';
import { loadPlugins, type PluginSet } from './loadPlugins.ts';

/** Usage text of the validate command. */
export const VALIDATE_USAGE = 'netwright validate [--backend wasm|cpu] [--plugin MODULE]... FILE...';

async function validateOne(file: string, engine: Engine, plugins: PluginSet, io: CliIO): Promise<boolean> {
  const { registry } = plugins;
  const read = await readGraphFile(file, registry);
  if (!read.ok) {
    for (const d of read.diagnostics) io.out(`${formatDiagnostic(file, d)}\n`);
    return false;
  }
  for (const w of read.warnings) io.out(`${formatDiagnostic(file, w)}\n`);
  const nodes = Object.keys(read.doc.nodes).length;
  const missing = Object.keys(read.doc.placeholders).length;
  if (missing > 0) {
    // The file keeps the unknown nodes intact, but a graph that cannot run is not valid here:
    // exit 1, as for any other graph that cannot run (README: "exit 1 with diagnostics").
    const diagnostic = { code: 'CLI_MISSING_PLUGINS', severity: 'error' as const, message: `cannot run: ${missing} node(s) need plugins that are not loaded` };
    io.out(`${formatDiagnostic(file, diagnostic)}\n`);
    return false;
  }
  // Data files the graph names (text corpus, IDX images) are found, checked and shelved first.
  let doc = read.doc;
  try {
    doc = (await attachData(read.doc, file, { data: [], newData: false }, registry)).doc;
  } catch (e) {
    if (!(e instanceof NetwrightError)) throw e;
    io.out(`${formatDiagnostic(file, { code: e.code, severity: 'error', message: e.message, ...e.target })}\n`);
    return false;
  }
  const inference = inferGraph(doc, registry);
  const compiled = compileGraph(doc, registry, { inference });
  if (!compiled.ok) {
    for (const d of capDiagnostics(compiled.diagnostics)) io.out(`${formatDiagnostic(file, d)}\n`);
    return false;
  }
  for (const w of compiled.warnings) io.out(`${formatDiagnostic(file, w)}\n`);
  // Nodes too costly for this machine are refused before anything is allocated.
  const cost = costDiagnostics(doc, inference, machineCostBudget(totalmem()), graphBatchSize(inference));
  if (cost.length > 0) {
    for (const d of capDiagnostics(cost)) io.out(`${formatDiagnostic(file, d)}\n`);
    return false;
  }
  try {
    engine.load(compiled.plan, plugins.lowerings);
    if (compiled.plan.roles.data.length > 0) await engine.infer(undefined, { batchSize: 4 });
  } catch (e) {
    io.out(`${errorLine(file, e)}\n`);
    return false;
  } finally {
    engine.dispose();
  }
  const ran = compiled.plan.roles.data.length > 0 ? 'ran one batch' : 'not run: no data node';
  const flat = compiled.plan.steps.length === nodes ? '' : `, ${compiled.plan.steps.length} once blocks are flattened`;
  io.out(`${file}: valid (${nodes} nodes${flat}, ${compiled.plan.paramCount.toLocaleString('en')} params, ${ran})\n`);
  return true;
}

/** Runs the validate command; returns the exit code. */
export async function runValidate(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, { backend: ['wasm', 'cpu'], plugin: 'list' });
  if (positional.length === 0) throw new UsageError('validate needs at least one FILE');
  const plugins = await loadPlugins(flags.plugin ?? []);
  const engine = new Engine();
  await engine.init(flags.backend ?? 'wasm');
  let ok = true;
  for (const file of positional) ok = (await validateOne(file, engine, plugins, io)) && ok;
  return ok ? 0 : 1;
}
