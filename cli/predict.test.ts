import { writeFile } from 'node:fs/promises';
import { encode as encodePng } from 'fast-png';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { runCliCaptured } from './testkit.ts';

const dir = useTempDir('nw-predict-');
const GRAPH = 'graphs/digits-conv.graph.json';
let weights = '';

beforeAll(async () => {
  weights = join(dir(), 'digits.bin');
  // The graph names the shipped IDX files: train finds them in datasets/ and checks their hashes.
  const r = await runCliCaptured('train', GRAPH, '--steps', '40', '--eval-every', '0', '--save-weights', weights);
  if (r.code !== 0) throw new Error(r.out + r.err);
  if (!r.err.includes('data: node "data": 1,797 images as 8×8×1 from digits8x8-images.idx3-ubyte and digits8x8-labels.idx1-ubyte')) throw new Error(r.err);
});

describe('netwright predict', () => {
  it('gives class probabilities for every image of an IDX file and for a PGM and a PNG image', async () => {
    const idx = await runCliCaptured('predict', GRAPH, '--weights', weights, 'datasets/digits8x8-images.idx3-ubyte', '--json');
    expect(idx.code, idx.out).toBe(0);
    const rows = idx.out.trim().split('\n').map((l) => JSON.parse(l) as { input: string; probabilities: number[] });
    expect(rows.length).toBe(1797);
    for (const r of rows.slice(0, 20)) {
      expect(r.probabilities.length).toBe(10);
      expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    // The first shipped image is a 0 (UCI digits): as a PGM it gets the same probabilities.
    const pixels = (await import('node:fs')).readFileSync('datasets/digits8x8-images.idx3-ubyte').subarray(16, 80);
    const pgm = join(dir(), 'zero.pgm');
    await writeFile(pgm, Buffer.concat([Buffer.from('P5\n# first digit\n8 8\n255\n'), pixels]));
    const one = await runCliCaptured('predict', GRAPH, '--weights', weights, pgm, '--json');
    const p = (JSON.parse(one.out) as { probabilities: number[] }).probabilities;
    p.forEach((v, i) => { expect(v).toBeCloseTo(rows[0]!.probabilities[i]!, 5); });
    const text = await runCliCaptured('predict', GRAPH, '--weights', weights, pgm);
    expect(text.out).toMatch(/zero\.pgm: class \d \(\d+\.\d%\), \d \(\d+\.\d%\), \d \(\d+\.\d%\)\n$/);
    // The same digit as a PNG (decoded like the image-folder source) gets the same probabilities too.
    const png = join(dir(), 'zero.png');
    await writeFile(png, encodePng({ width: 8, height: 8, data: Uint8Array.from(pixels), channels: 1, depth: 8 }));
    const fromPng = await runCliCaptured('predict', GRAPH, '--weights', weights, png, '--json');
    expect(fromPng.code, fromPng.out).toBe(0);
    (JSON.parse(fromPng.out) as { probabilities: number[] }).probabilities.forEach((v, i) => { expect(v).toBeCloseTo(rows[0]!.probabilities[i]!, 5); });
  });

  it('names an input that is no image and a graph that is no image classifier', async () => {
    const bad = await runCliCaptured('predict', GRAPH, '--weights', weights, 'datasets/tinyshakespeare.txt');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('"tinyshakespeare.txt" is not an IDX file');
    const fake = join(dir(), 'fake.png');
    await writeFile(fake, 'not an image');
    const notPng = await runCliCaptured('predict', GRAPH, '--weights', weights, fake);
    expect(notPng.code).toBe(1);
    expect(notPng.out).toContain('"fake.png" is neither a PNG nor a JPEG image');
    const lm = await runCliCaptured('predict', 'graphs/two-spirals-mlp.graph.json', '--weights', weights, 'datasets/digits8x8-images.idx3-ubyte');
    expect(lm.code).toBe(1);
    expect(lm.out).toContain('this graph has no image-dataset node');
  });

  it('refuses image files that disagree with the graph before training', async () => {
    const labels = join(dir(), 'labels.idx1-ubyte');
    await writeFile(labels, Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 3, 4]));
    const r = await runCliCaptured('train', GRAPH, '--data', `data.labels=${labels}`, '--steps', '1');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/data\/labels: \S*labels\.idx1-ubyte has SHA-256 \w{12}…, but the graph was made with "digits8x8-labels\.idx1-ubyte" \(1,805 bytes/);
    const forced = await runCliCaptured('train', GRAPH, '--data', `data.labels=${labels}`, '--steps', '1', '--new-data');
    expect(forced.out).toContain('data/images: "digits8x8-images.idx3-ubyte" has 1797 images but "labels.idx1-ubyte" has 2 labels');
  });
});
