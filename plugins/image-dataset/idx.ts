/**
 * MNIST-format IDX files (unsigned bytes): images `[n, rows, cols]` (magic 0x00000803) or
 * `[n, rows, cols, channels]` (0x00000804), labels `[n]` (0x00000801). Pure, no tfjs.
 */

/** Images decoded from an IDX file: `count × height × width × channels` bytes. */
export interface ImageBlock {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly pixels: Uint8Array;
}

/** An image or label file problem the user can act on. */
export class ImageDataError extends Error {}

function header(bytes: Uint8Array, name: string): { dims: number[]; offset: number } {
  if (bytes.length === 0) throw new ImageDataError(`"${name}" is empty (0 bytes)`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new ImageDataError(`"${name}" is gzip-compressed: unpack it first (gunzip "${name}"), then choose the IDX file inside`);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new ImageDataError(`"${name}" is not an IDX file (it does not start with the IDX magic number 0x0000 08 0N)`);
  if (bytes[2] !== 0x08) throw new ImageDataError(`"${name}": IDX element type 0x${bytes[2]!.toString(16).padStart(2, '0')} is not supported; only unsigned bytes (0x08)`);
  const rank = bytes[3]!;
  const offset = 4 + 4 * rank;
  if (bytes.length < offset) throw new ImageDataError(`"${name}" is cut short inside its IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - offset !== expected) {
    throw new ImageDataError(`"${name}": the IDX header says [${dims.join(', ')}] = ${expected.toLocaleString('en-US')} bytes of data, the file has ${(bytes.length - offset).toLocaleString('en-US')}`);
  }
  return { dims, offset };
}

/** Parses an IDX image file (rank 3 grayscale, or rank 4 with 1 or 3 channels). */
export function parseIdxImages(bytes: Uint8Array, name: string): ImageBlock {
  const { dims, offset } = header(bytes, name);
  if (dims.length !== 3 && dims.length !== 4) throw new ImageDataError(`"${name}" holds a rank-${dims.length} IDX array; images need [count, height, width] or [count, height, width, channels] (is it a labels file?)`);
  const [count, height, width, channels = 1] = dims as [number, number, number, number?];
  if (channels !== 1 && channels !== 3) throw new ImageDataError(`"${name}": images with ${channels} channels; only 1 (grayscale) or 3 (RGB)`);
  if (count === 0) throw new ImageDataError(`"${name}" holds no images`);
  return { count, height, width, channels, pixels: bytes.subarray(offset) };
}

/** Parses an IDX label file: one byte per image. */
export function parseIdxLabels(bytes: Uint8Array, name: string): Uint8Array {
  const { dims, offset } = header(bytes, name);
  if (dims.length !== 1) throw new ImageDataError(`"${name}" holds a rank-${dims.length} IDX array; labels need [count] (is it an images file?)`);
  return bytes.subarray(offset);
}

/** What an IDX file's magic number says it holds: images (0x00000803, 0x00000804), labels (0x00000801), or neither. */
export function idxKind(bytes: Uint8Array): 'images' | 'labels' | undefined {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08) return undefined;
  if (bytes[3] === 1) return 'labels';
  return bytes[3] === 3 || bytes[3] === 4 ? 'images' : undefined;
}

/** A file's name and bytes. */
export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** An IDX images file and its labels file, checked to belong together. */
export interface IdxPair {
  readonly images: NamedBytes & { readonly block: ImageBlock };
  readonly labels: NamedBytes & { readonly values: Uint8Array };
  /** How many images each class id has (index = label; length = the highest label + 1). */
  readonly perClass: readonly number[];
}

/** The file's kind by its magic number; otherwise fails saying why it is neither. */
function kindOf(file: NamedBytes): 'images' | 'labels' {
  const kind = idxKind(file.bytes);
  if (kind) return kind;
  const { dims } = header(file.bytes, file.name); // fails for an empty, non-IDX or cut-short file
  throw new ImageDataError(`"${file.name}" holds a rank-${dims.length} IDX array: neither images (magic 0x00000803) nor labels (magic 0x00000801)`);
}

/**
 * Checks two IDX files picked together: which is the images file and which the labels file is
 * read from their magic numbers (never their names); both headers must match their sizes and
 * the counts of images and labels must agree. Fails with an {@link ImageDataError} naming the file.
 */
export function checkIdxPair(files: readonly NamedBytes[]): IdxPair {
  if (files.length !== 2) {
    const names = files.map((f) => `"${f.name}"`).join(', ');
    throw new ImageDataError(`choose two IDX files at once, the images and the labels (${files.length} chosen${names ? `: ${names}` : ''})`);
  }
  const kinds = files.map(kindOf);
  const [a, b] = files as [NamedBytes, NamedBytes];
  if (kinds[0] === kinds[1]) throw new ImageDataError(`"${a.name}" and "${b.name}" are both IDX ${kinds[0]} files: choose one images file (magic 0x00000803) and one labels file (magic 0x00000801)`);
  const [imagesFile, labelsFile] = kinds[0] === 'images' ? [a, b] : [b, a];
  const block = parseIdxImages(imagesFile.bytes, imagesFile.name);
  const values = parseIdxLabels(labelsFile.bytes, labelsFile.name);
  if (values.length !== block.count) throw new ImageDataError(`"${imagesFile.name}" has ${block.count.toLocaleString('en-US')} images but "${labelsFile.name}" has ${values.length.toLocaleString('en-US')} labels: choose files that belong together`);
  const perClass: number[] = [];
  for (const l of values) perClass[l] = (perClass[l] ?? 0) + 1;
  return { images: { ...imagesFile, block }, labels: { ...labelsFile, values }, perClass: Array.from(perClass, (n) => n ?? 0) };
}
