/**
 * `netwright train FILE`: compile the graph, train it on wasm (or cpu), print progress, and
 * optionally save the weights and the graph with the data nodes saved during the run (for
 * example a refined learning-rate schedule). Ctrl-C stops after the current step, evaluates
 * and still saves; a second Ctrl-C quits at once.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Engine } from '../runtime/exec/engine.ts';
import { createRunController } from '../runtime/exec/trainTypes.ts';
import { packWeights, unpackWeights } from '../runtime/exec/weightsPack.ts';
import { setData } from '../runtime/graph/commands.ts';
import type { GraphDoc, JsonValue } from '../runtime/graph/types.ts';
import { serializeGraph } from '../runtime/file/serialize.ts';
import { parseStrictJson } from '../runtime/file/strictJson.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { parseArgs, UsageError } from './args.ts';
import { compileWithData } from './attachData.ts';
import { errorLine, formatDiagnostic, type CliIO } from './io.ts';
import { loadPlugins } from './loadPlugins.ts';
import { bitsLine } from './bitsLine.ts';
import { formatMetrics, formatSeconds, progressPrinter } from './progress.ts';
import { checkOutputPath, checkRunFlags, costProblems } from './runBounds.ts';
import { RUN_FLAGS } from './runFlags.ts';

/** Usage text of the train command. */
export const TRAIN_USAGE =
  'netwright train FILE [--backend wasm|cpu] [--steps N] [--seed S] [--batch-size B] [--eval-every N]\n' +
  '                     [--load-weights IN] [--save-weights OUT] [--save-graph OUT] [--plugin MODULE]... [--json]\n' +
  '                     [--data [NODE[.PARAM]=]PATH]... [--new-data]\n' +
  '  --steps, --batch-size, --seed, --eval-every  within the optimiser node\'s ranges (seed 0 to 2147483647), checked before the run\n' +
  '  --save-weights OUT   OUT ending in .bin: packed binary; otherwise JSON (netwright.weights)\n' +
  '  --load-weights IN    start from saved weights instead of the seeded initialisation\n' +
  '  --save-graph OUT     the graph with the data its nodes saved during the run\n' +
  '  --plugin MODULE      load a third-party plugin module (exports specs and lowerings); repeatable\n' +
  '  --data [NODE[.PARAM]=]PATH  a file a data node reads (text corpus; IDX images / labels);\n' +
  '                       default: the file the graph names,\n' +
  '                       looked for next to the graph, here, then in datasets/\n' +
  '  --new-data           train on a data file whose SHA-256 differs from the one the graph records';

const FLAGS = {
  ...RUN_FLAGS,
  'eval-every': 'int',
  'load-weights': 'string',
  'save-weights': 'string',
  'save-graph': 'string',
  data: 'list',
  'new-data': 'bool',
} as const;

function positiveInt(flags: Readonly<Record<string, unknown>>, name: string, min: number): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
  return v;
}

async function readWeights(path: string): Promise<unknown> {
  const bytes = await readFile(path);
  if (path.endsWith('.bin')) return unpackWeights(new Uint8Array(bytes));
  // Duplicate keys are errors here too: JSON.parse would keep the last weight silently.
  const parsed = parseStrictJson(bytes.toString('utf8'));
  if (!parsed.ok) throw new NetwrightError('WEIGHTS_FORMAT', `${path}: not a valid weight file: ${parsed.problem.message}`);
  return parsed.value;
}

function docWithData(doc: GraphDoc, saved: Readonly<Record<string, Record<string, unknown>>>): GraphDoc {
  let next = doc;
  for (const [node, data] of Object.entries(saved)) {
    const merged = { ...(next.nodes[node]?.data ?? {}), ...data } as Record<string, JsonValue>;
    next = setData(next, { node, data: merged });
  }
  return next;
}

/** Runs the train command; returns the exit code. */
export async function runTrain(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length !== 1) throw new UsageError('train needs exactly one FILE');
  const file = positional[0]!;
  const json = flags.json === true;
  const steps = positiveInt(flags, 'steps', 1);
  const batchSize = positiveInt(flags, 'batch-size', 1);
  const evalEvery = positiveInt(flags, 'eval-every', 0);
  const seed = flags.seed;
  const plugins = await loadPlugins(flags.plugin ?? []);
  const { registry } = plugins;
  const compiled = await compileWithData(file, registry, { data: flags.data ?? [], newData: flags['new-data'] === true });
  for (const note of compiled.notes) io.err(`${note}\n`);
  for (const w of compiled.warnings) io.err(`${formatDiagnostic(file, w)}\n`);
  if (!compiled.ok) {
    for (const d of compiled.diagnostics) io.out(`${formatDiagnostic(file, d)}\n`);
    return 1;
  }
  // Flags and output folders are checked before anything runs (runBounds.ts).
  checkRunFlags(flags, compiled.plan, registry);
  for (const flag of ['save-weights', 'save-graph'] as const) {
    const out = flags[flag];
    if (out !== undefined) await checkOutputPath(flag, out);
  }
  // Nodes too costly for this machine at this batch size are refused before anything is allocated.
  const cost = costProblems(compiled.doc, registry, batchSize);
  if (cost.length > 0) {
    for (const d of cost) io.out(`${formatDiagnostic(file, d)}\n`);
    return 1;
  }
  const engine = new Engine();
  const control = createRunController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    io.err('\nstopping after this step (Ctrl-C again to quit now)\n');
    control.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    const backend = await engine.init(flags.backend ?? 'wasm');
    if (json) io.out(`${JSON.stringify({ event: 'backend', name: backend.name, reason: backend.reason })}\n`);
    else io.err(`backend: ${backend.name} (${backend.reason})\n`);
    engine.load(compiled.plan, plugins.lowerings, seed === undefined ? {} : { seed });
    const loadWeights = flags['load-weights'];
    if (loadWeights !== undefined) engine.importWeights(await readWeights(loadWeights));
    const print = progressPrinter(json ? { isTTY: false, columns: 200, write: io.out } : { isTTY: io.isTTY, columns: io.columns, write: io.err }, json);
    const result = await engine.train(
      {
        ...(steps === undefined ? {} : { steps }),
        ...(seed === undefined ? {} : { seed }),
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(evalEvery === undefined ? {} : { evalEvery }),
        control,
        continue: loadWeights !== undefined,
      },
      print,
    );
    const saveWeights = flags['save-weights'];
    if (saveWeights !== undefined) {
      const data = saveWeights.endsWith('.bin') ? packWeights(engine.exportWeightsBinary()) : `${JSON.stringify(engine.exportWeights())}\n`;
      await writeFile(saveWeights, data);
      if (!json) io.err(`weights saved to ${saveWeights}\n`);
    }
    const saveGraph = flags['save-graph'];
    if (saveGraph !== undefined) {
      await writeFile(saveGraph, serializeGraph(docWithData(compiled.doc, result.savedData), registry));
      if (!json) io.err(`graph saved to ${saveGraph}${Object.keys(result.savedData).length > 0 ? ` (data from ${Object.keys(result.savedData).join(', ')})` : ''}\n`);
    }
    if (!json) io.out(`${file}: ${result.stopped ? 'stopped' : 'trained'} ${result.steps} steps in ${formatSeconds(result.seconds)} on ${backend.name}: ${formatMetrics(result.metrics)}\n`);
    if (!json && compiled.unigramBits !== undefined) io.out(`${file}: ${bitsLine(result.metrics, compiled.unigramBits)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    io.out(`${json ? JSON.stringify({ event: 'error', message: errorLine(file, e) }) : errorLine(file, e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    engine.dispose();
  }
}
