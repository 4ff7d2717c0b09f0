/** MNIST-format IDX files made in memory (unsigned bytes), for the IDX tests. Test-only. */
import { classImage } from './imageFolders.ts';

/** An IDX file of unsigned bytes: the magic number 0x0000 08 rank, each dimension big-endian, then `data`. */
export function idxFile(dims: readonly number[], data: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 + dims.length, false);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d, false);
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** A learnable IDX pair: `perClass` images of `size`×`size` per class (`classImage`: a bright row at a height that depends on the class). */
export function idxPair(classes: number, perClass: number, size: number): { images: Uint8Array<ArrayBuffer>; labels: Uint8Array<ArrayBuffer> } {
  const count = classes * perClass;
  const pixels = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % classes;
    labels[i] = k;
    pixels.set(classImage(k, classes, size, i), i * size * size);
  }
  return { images: idxFile([count, size, size], pixels), labels: idxFile([count], labels) };
}
