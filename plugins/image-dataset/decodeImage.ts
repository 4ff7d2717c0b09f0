/**
 * One PNG or JPEG file to pixels, with pure-JavaScript decoders (fast-png, jpeg-js) so that the
 * CLI in Node and the editor's worker see the very same bytes. The result is one 8-bit image with
 * 1 (gray) or 3 (RGB) channels: 16-bit samples keep their high byte, palettes are expanded, an
 * alpha channel is dropped.
 */
import { convertIndexedToRgb, decode as decodePng, hasPngSignature } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { ImageDataError, type ImageBlock } from './idx.ts';

const isJpeg = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Largest image side accepted (a decoded image above it would take too much memory). */
export const MAX_IMAGE_SIDE = 8192;

/** 8-bit samples, `channelsIn` per pixel, to 1 or 3 channels (alpha dropped). */
function toBlock(width: number, height: number, data: ArrayLike<number>, channelsIn: number, shift: number): ImageBlock {
  const channels = channelsIn >= 3 ? 3 : 1;
  const pixels = new Uint8Array(width * height * channels);
  for (let p = 0, k = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) pixels[k++] = data[p * channelsIn + c]! >> shift;
  }
  return { count: 1, height, width, channels, pixels };
}

function png(bytes: Uint8Array): ImageBlock {
  const img = decodePng(bytes);
  if (img.palette) return toBlock(img.width, img.height, convertIndexedToRgb(img), img.palette[0]?.length ?? 3, 0);
  if (img.depth < 8) throw new Error(`${img.depth}-bit grayscale is not supported (save it as 8-bit)`);
  return toBlock(img.width, img.height, img.data, img.channels, img.depth === 16 ? 8 : 0);
}

function jpeg(bytes: Uint8Array): ImageBlock {
  const img = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 64, maxMemoryUsageInMB: 512 });
  return toBlock(img.width, img.height, img.data, 3, 0);
}

/**
 * Decodes a PNG or JPEG (by its signature, not its name). Fails naming `path` when the file is
 * empty, neither PNG nor JPEG, corrupt, or larger than {@link MAX_IMAGE_SIDE}.
 */
export function decodeImage(bytes: Uint8Array, path: string): ImageBlock {
  if (bytes.length === 0) throw new ImageDataError(`"${path}" is empty (0 bytes)`);
  const kind = hasPngSignature(bytes) ? 'PNG' : isJpeg(bytes) ? 'JPEG' : undefined;
  if (!kind) throw new ImageDataError(`"${path}" is neither a PNG nor a JPEG image (its first bytes say otherwise); remove it or convert it`);
  let block: ImageBlock;
  try {
    block = kind === 'PNG' ? png(bytes) : jpeg(bytes);
  } catch (e) {
    throw new ImageDataError(`"${path}" is not a readable ${kind} image (${e instanceof Error ? e.message : String(e)}); remove it or save it again`);
  }
  if (block.width === 0 || block.height === 0 || block.width > MAX_IMAGE_SIDE || block.height > MAX_IMAGE_SIDE) {
    throw new ImageDataError(`"${path}" is ${block.width}×${block.height} pixels; images must be 1 to ${MAX_IMAGE_SIDE} pixels a side`);
  }
  return block;
}
