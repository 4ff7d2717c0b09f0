/**
 * `netwright predict FILE --weights W INPUT...`: class probabilities of a trained image
 * classifier for each image of the inputs (PNG or JPEG images, IDX image files, or 8-bit PGM
 * images), prepared as
 * the graph's image dataset node prepares its training images (resize, channels, /255).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { forward } from '../runtime/exec/executor.ts';
import { indexLowerings } from '../runtime/exec/lowerings.ts';
import { tf } from '../runtime/exec/tf.ts';
import { createWeights } from '../runtime/exec/weights.ts';
import { importWeightsInto } from '../runtime/exec/weightsFile.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { decodeImage } from '../plugins/image-dataset/decodeImage.ts';
import { parseIdxImages, type ImageBlock } from '../plugins/image-dataset/idx.ts';
import { toExamples, type PixelOptions } from '../plugins/image-dataset/pixels.ts';
import { parseArgs, UsageError } from './args.ts';
import { compileCommandGraph, runOnBackend } from './commandGraph.ts';
import type { CliIO } from './io.ts';
import { logitsOutput, readWeightsFile } from './languageModel.ts';
import { parsePgm } from './pgm.ts';

/** Usage text of the predict command. */
export const PREDICT_USAGE =
  'netwright predict FILE --weights W INPUT... [--top N] [--backend wasm|cpu] [--plugin MODULE]... [--json]\n' +
  '  INPUT                a PNG or JPEG image, an IDX image file (every image in it) or an 8-bit PGM image (.pgm)\n' +
  '  --top N              classes listed per image, most likely first (default 3)';

const FLAGS = { weights: 'string', top: 'int', backend: ['wasm', 'cpu'], plugin: 'list', json: 'bool' } as const;

async function readImages(path: string): Promise<ImageBlock> {
  const bytes = new Uint8Array(await readFile(path));
  const name = basename(path);
  if (/\.(png|jpe?g)$/i.test(path)) return decodeImage(bytes, name);
  return path.toLowerCase().endsWith('.pgm') ? parsePgm(bytes, name) : parseIdxImages(bytes, name);
}

function softmax(row: Float32Array): number[] {
  const max = Math.max(...row);
  const e = Array.from(row, (v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** Runs the predict command; returns the exit code. */
export async function runPredict(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length < 2) throw new UsageError('predict needs FILE and at least one INPUT');
  const weightsFile = flags.weights;
  if (weightsFile === undefined) throw new UsageError('predict needs --weights W (from train --save-weights)');
  const [file, ...inputs] = positional as [string, ...string[]];
  const top = flags.top ?? 3;
  if (top < 1) throw new UsageError('--top must be >= 1');
  const graph = await compileCommandGraph(file, flags.plugin ?? [], io, { warnings: false });
  if (!graph) return 1;
  const lowerings = indexLowerings(graph.plugins.lowerings);
  const plan = graph.compiled.plan;
  return runOnBackend(file, flags.backend ?? 'wasm', io, async () => {
    const store = createWeights(plan, lowerings, 0);
    try {
      const data = plan.steps.find((s) => s.type === 'image-dataset');
      if (!data) throw new NetwrightError('CLI_PREDICT_MODEL', 'this graph has no image-dataset node: predict classifies images with a model trained on one');
      const opts = data.params as unknown as PixelOptions;
      if (opts.normalise !== 'unit') throw new NetwrightError('CLI_PREDICT_MODEL', `node "${data.node}": predict prepares images with normalise "unit" only (this graph uses "${opts.normalise}")`, { node: data.node, param: 'normalise' });
      importWeightsInto(store, plan, await readWeightsFile(weightsFile));
      const output = logitsOutput(plan);
      for (const input of inputs) {
        const block = await readImages(input);
        const x = tf.tensor(toExamples(block, opts), [block.count, opts.height, opts.width, opts.channels === 'rgb' ? 3 : 1]);
        const r = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds: { [data.node]: { x } }, training: false, step: 0, outputs: [output] });
        const logits = r.outputs[output]!;
        const values = Float32Array.from(await logits.data());
        const classes = logits.shape[logits.shape.length - 1]!;
        tf.dispose([x, ...Object.values(r.outputs)]);
        for (let i = 0; i < block.count; i++) {
          const p = softmax(values.subarray(i * classes, (i + 1) * classes));
          const best = p.map((v, c) => [c, v] as const).sort((a, b) => b[1] - a[1]).slice(0, top);
          const where = block.count > 1 ? `${input}[${i}]` : input;
          if (flags.json === true) io.out(`${JSON.stringify({ input: where, probabilities: p })}\n`);
          else io.out(`${where}: class ${best[0]![0]} (${(best[0]![1] * 100).toFixed(1)}%)${best.slice(1).map(([c, v]) => `, ${c} (${(v * 100).toFixed(1)}%)`).join('')}\n`);
        }
      }
      return 0;
    } finally {
      store.dispose();
    }
  });
}
