/** Generated image folders on disk (PNG and JPEG, written with the decoders' own encoders). Test-only. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';

/** What {@link writeImageFolder} writes. */
export interface ImageFolderOptions {
  /** Label folder names, one per class. */
  readonly classes: readonly string[];
  readonly perClass: number;
  readonly size: number;
  /** Every `jpegEvery`-th image is a JPEG (0: PNG only). */
  readonly jpegEvery?: number;
}

/**
 * A learnable image of class `k`: a bright horizontal bar at a row that depends on the class,
 * on a dark background with a little seeded noise.
 */
export function classImage(k: number, classes: number, size: number, index: number): Uint8Array {
  const pixels = new Uint8Array(size * size);
  const row = Math.floor(((k + 0.5) * size) / classes);
  let s = (index * 2654435761 + k * 40503) >>> 0;
  for (let i = 0; i < pixels.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    pixels[i] = (Math.floor(i / size) === row ? 220 : 20) + (s >>> 28);
  }
  return pixels;
}

/** Encodes a gray square image as PNG or (expanded to RGBA) JPEG. */
export function encodeGray(pixels: Uint8Array, size: number, format: 'png' | 'jpg'): Uint8Array {
  if (format === 'png') return encodePng({ width: size, height: size, data: pixels, channels: 1, depth: 8 });
  const rgba = new Uint8Array(size * size * 4);
  pixels.forEach((v, i) => {
    rgba.set([v, v, v, 255], i * 4);
  });
  return new Uint8Array(encodeJpeg({ width: size, height: size, data: rgba }, 95).data);
}

/** Writes `dir/<class>/<i>.png|jpg` for every class; returns the number of images written. */
export async function writeImageFolder(dir: string, opts: ImageFolderOptions): Promise<number> {
  let n = 0;
  for (const [k, label] of opts.classes.entries()) {
    await mkdir(join(dir, label), { recursive: true });
    for (let i = 0; i < opts.perClass; i++, n++) {
      const format = opts.jpegEvery && n % opts.jpegEvery === opts.jpegEvery - 1 ? 'jpg' : 'png';
      await writeFile(join(dir, label, `${i}.${format}`), encodeGray(classImage(k, opts.classes.length, opts.size, i), opts.size, format));
    }
  }
  return n;
}
