/**
 * `netwright export torch FILE [--weights W] -o DIR`: the graph as a PyTorch project
 * (model.py, train.py, netwright_torch.py, weights.json, README.md; runtime/torchExport/, shared with the editor). The
 * weights are the given file, checked against the graph, or the graph's seeded initialisation,
 * so a PyTorch run starts where `netwright train` does.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Engine } from '../runtime/exec/engine.ts';
import { parseArgs, UsageError } from './args.ts';
import { compileCommandGraph } from './commandGraph.ts';
import type { CliIO } from './io.ts';
import { readWeightsFile } from './languageModel.ts';
import { REPO_ROOT } from './root.ts';
import { exportTorch } from '../runtime/torchExport/exportTorch.ts';

/** Usage text of the export command. */
export const EXPORT_USAGE =
  'netwright export torch FILE -o DIR [--weights W] [--plugin MODULE]...\n' +
  '  -o, --out DIR    folder to write model.py, train.py, netwright_torch.py, weights.json, README.md\n' +
  '  --weights W      weights to export (JSON or .bin from --save-weights or the editor); default: the seeded initialisation';

const FLAGS = { out: 'string', weights: 'string', plugin: 'list' } as const;

/** The support module's text; it stays in the sources (the built CLI reads it from there too). */
const SUPPORT = join(REPO_ROOT, 'runtime', 'torchExport', 'netwright_torch.py');

/** Runs the export command; returns the exit code. */
export async function runExport(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(
    argv.map((a) => (a === '-o' ? '--out' : a)),
    FLAGS,
  );
  const [target, file, ...rest] = positional;
  if (target !== 'torch')
    throw new UsageError(
      target === undefined
        ? 'export needs a target: torch'
        : `unknown export target "${target}" (known: torch)`,
    );
  if (file === undefined || rest.length > 0) throw new UsageError('export torch needs exactly one FILE');
  const out = flags.out;
  if (out === undefined) throw new UsageError('export torch needs -o DIR');
  const graph = await compileCommandGraph(file, flags.plugin ?? [], io, { warnings: true });
  if (!graph) return 1;
  const { plugins } = graph;
  const { plan, doc } = graph.compiled;
  const weightsFile = flags.weights;
  const files = exportTorch(plan, plugins.registry, {
    title: typeof doc.meta.title === 'string' ? doc.meta.title : basename(file),
    graphFile: file,
    support: await readFile(SUPPORT, 'utf8'),
    dataDirs: [dirname(resolve(file)), join(REPO_ROOT, 'datasets')],
    weightsFrom:
      weightsFile === undefined
        ? "the graph's seeded initial weights (as `netwright train` starts from)"
        : `the weights of ${basename(weightsFile)}`,
  });
  const engine = new Engine();
  try {
    await engine.init('cpu');
    engine.load(plan, plugins.lowerings);
    if (weightsFile !== undefined) engine.importWeights(await readWeightsFile(weightsFile));
    files['weights.json'] = `${JSON.stringify(engine.exportWeights())}\n`;
  } finally {
    engine.dispose();
  }
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text);
  io.err(`exported ${file} to ${out}: ${Object.keys(files).join(', ')}\n`);
  return 0;
}
