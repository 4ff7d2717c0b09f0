/** 8-bit PGM images (binary P5 or text P2), the simplest image file the CLI's predict reads. */
import { ImageDataError, type ImageBlock } from '../plugins/image-dataset/idx.ts';

/** Parses a PGM with maxval ≤ 255 into one grayscale image (scaled to 0..255). */
export function parsePgm(bytes: Uint8Array, name: string): ImageBlock {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (magic !== 'P5' && magic !== 'P2') throw new ImageDataError(`"${name}" is not a PGM image (it does not start with P5 or P2)`);
  const fields: number[] = [];
  let i = 2;
  while (fields.length < 3) {
    while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i]!))) i++;
    if (bytes[i] === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
      continue;
    }
    let token = '';
    while (i < bytes.length && !/\s/.test(String.fromCharCode(bytes[i]!))) token += String.fromCharCode(bytes[i++]!);
    if (token === '' || !/^\d+$/.test(token)) throw new ImageDataError(`"${name}": a PGM header needs width, height and maxval`);
    fields.push(Number(token));
  }
  const [width, height, maxval] = fields as [number, number, number];
  if (width === 0 || height === 0 || maxval === 0 || maxval > 255) throw new ImageDataError(`"${name}": PGM ${width}×${height} with maxval ${maxval}; need a non-empty 8-bit image`);
  const n = width * height;
  let values: number[];
  if (magic === 'P5') {
    const start = i + 1;
    if (bytes.length - start < n) throw new ImageDataError(`"${name}" is cut short: ${n} pixels expected, ${Math.max(0, bytes.length - start)} present`);
    values = Array.from(bytes.subarray(start, start + n));
  } else {
    values = new TextDecoder().decode(bytes.subarray(i)).trim().split(/\s+/).map(Number);
    if (values.length < n || values.some((v) => !Number.isInteger(v))) throw new ImageDataError(`"${name}" is cut short or holds a non-integer pixel: ${n} pixels expected`);
  }
  const pixels = Uint8Array.from(values.slice(0, n), (v) => Math.round((Math.min(v, maxval) * 255) / maxval));
  return { count: 1, height, width, channels: 1, pixels };
}
