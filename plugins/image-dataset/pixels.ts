/** Turning decoded images into the node's examples: resize (bilinear), channel conversion, normalisation. */
import type { ImageBlock } from './idx.ts';

/** How examples are produced from images. */
export interface PixelOptions {
  readonly height: number;
  readonly width: number;
  readonly channels: 'grayscale' | 'rgb';
  /** `unit`: pixel / 255 in [0, 1]; `standard`: then minus the mean, over the std (of all pixels). */
  readonly normalise: 'unit' | 'standard';
}

function sample(block: ImageBlock, img: number, y: number, x: number, c: number): number {
  return block.pixels[((img * block.height + y) * block.width + x) * block.channels + c]!;
}

/** One channel value at (y, x) of the output grid, bilinear from the source image. */
function bilinear(block: ImageBlock, img: number, oy: number, ox: number, c: number, opts: PixelOptions): number {
  const sy = Math.min(block.height - 1, Math.max(0, ((oy + 0.5) * block.height) / opts.height - 0.5));
  const sx = Math.min(block.width - 1, Math.max(0, ((ox + 0.5) * block.width) / opts.width - 0.5));
  const y0 = Math.floor(sy);
  const x0 = Math.floor(sx);
  const y1 = Math.min(block.height - 1, y0 + 1);
  const x1 = Math.min(block.width - 1, x0 + 1);
  const fy = sy - y0;
  const fx = sx - x0;
  const top = sample(block, img, y0, x0, c) * (1 - fx) + sample(block, img, y0, x1, c) * fx;
  const bottom = sample(block, img, y1, x0, c) * (1 - fx) + sample(block, img, y1, x1, c) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Writes the examples of `block` into `out` from element `offset` on, scaled to [0, 1]; returns the next offset. */
export function writeExamples(block: ImageBlock, opts: PixelOptions, out: Float32Array, offset: number): number {
  const outC = opts.channels === 'rgb' ? 3 : 1;
  const same = block.height === opts.height && block.width === opts.width;
  let k = offset;
  for (let img = 0; img < block.count; img++) {
    for (let y = 0; y < opts.height; y++) {
      for (let x = 0; x < opts.width; x++) {
        const read = (c: number): number => (same ? sample(block, img, y, x, c) : bilinear(block, img, y, x, c, opts));
        if (outC === 3) for (let c = 0; c < 3; c++) out[k++] = read(block.channels === 3 ? c : 0) / 255;
        else out[k++] = (block.channels === 3 ? 0.299 * read(0) + 0.587 * read(1) + 0.114 * read(2) : read(0)) / 255;
      }
    }
  }
  return k;
}

/** Applies `normalise: 'standard'` in place (zero mean, unit variance over all values); `unit` leaves them. */
export function normaliseExamples(out: Float32Array, normalise: PixelOptions['normalise']): Float32Array {
  if (normalise !== 'standard') return out;
  let mean = 0;
  for (const v of out) mean += v;
  mean /= out.length;
  let variance = 0;
  for (const v of out) variance += (v - mean) ** 2;
  const std = Math.sqrt(variance / out.length) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i]! - mean) / std;
  return out;
}

/** Examples `[count, height, width, C]` as float32, C = 1 (grayscale) or 3 (RGB). */
export function toExamples(block: ImageBlock, opts: PixelOptions): Float32Array {
  const out = new Float32Array(block.count * opts.height * opts.width * (opts.channels === 'rgb' ? 3 : 1));
  writeExamples(block, opts, out, 0);
  return normaliseExamples(out, opts.normalise);
}
