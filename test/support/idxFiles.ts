/** MNIST-format IDX files made in memory (unsigned bytes), for the IDX tests. Test-only. */

/** An IDX file of unsigned bytes: the magic number 0x0000 08 rank, each dimension big-endian, then `data`. */
export function idxFile(dims: readonly number[], data: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 + dims.length, false);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d, false);
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/**
 * A learnable IDX pair: `perClass` images of `size`×`size` per class, class k a bright column at
 * a place that depends on k over a faint ramp that differs per image. DOM- and Node-free, so the
 * worker tests may use it.
 */
export function idxPair(classes: number, perClass: number, size: number): { images: Uint8Array<ArrayBuffer>; labels: Uint8Array<ArrayBuffer> } {
  const count = classes * perClass;
  const pixels = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % classes;
    labels[i] = k;
    const column = Math.floor(((k + 0.5) * size) / classes);
    for (let p = 0; p < size * size; p++) pixels[i * size * size + p] = p % size === column ? 230 : (i + p) % 24;
  }
  return { images: idxFile([count, size, size], pixels), labels: idxFile([count], labels) };
}
