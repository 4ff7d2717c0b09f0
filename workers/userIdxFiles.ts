/**
 * MNIST-format IDX files the user picked for an image-dataset node, read in the worker: both files
 * are read (progress by bytes of both), told apart by their magic numbers and checked together
 * (`plugins/image-dataset/idx.ts`: headers, counts), then hashed. A problem fails with
 * `ENGINE_DATA_FILE` naming the file, before anything is kept.
 */
import { checkIdxPair, ImageDataError } from '../plugins/image-dataset/idx.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { PickedIdxFiles, ReadProgressSink } from './engineApi.ts';
import { readAll, sha256Hex } from './userDatasets.ts';

/** One checked file of the pair: its name, bytes and SHA-256. */
export interface ReadIdxFile {
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
}

/** A read, checked IDX pair, and a line saying what it holds. */
export interface ReadIdxPair {
  readonly images: ReadIdxFile;
  readonly labels: ReadIdxFile;
  readonly summary: string;
  /** The highest label + 1. */
  readonly classes: number;
}

/** A warning naming the classes that hold a single image (a held-out split refuses them), or ''. */
function lonelyClasses(perClass: readonly number[]): string {
  const lonely = perClass.flatMap((n, k) => (n === 1 ? [k] : []));
  if (lonely.length === 0) return '';
  return `. Warning: class${lonely.length > 1 ? 'es' : ''} ${lonely.join(', ')} ha${lonely.length > 1 ? 've' : 's'} a single image; training with a held-out split ("evalSplit" > 0) will refuse it: add images, or set "evalSplit" to 0`;
}

/** Reads both files, checks them as a pair and hashes each. */
export async function readIdxFiles(picked: PickedIdxFiles, onProgress: ReadProgressSink): Promise<ReadIdxPair> {
  const empty = picked.idxFiles.find((f) => f.size === 0);
  if (empty) throw new NetwrightError('ENGINE_DATA_FILE', `"${empty.name}" is empty (0 bytes): choose the IDX images file and its labels file`);
  const total = picked.idxFiles.reduce((n, f) => n + f.size, 0);
  const read: { name: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  let before = 0;
  for (const file of picked.idxFiles) {
    read.push({ name: file.name, bytes: await readAll(file, (loaded) => { onProgress(before + loaded, total); }) });
    before += file.size;
  }
  let pair;
  try {
    pair = checkIdxPair(read);
  } catch (e) {
    if (e instanceof ImageDataError) throw new NetwrightError('ENGINE_DATA_FILE', e.message);
    throw e;
  }
  // The checked pair holds the very arrays read here: find which read file is the images.
  const [images, labels] = read[0]!.bytes === pair.images.bytes ? [read[0]!, read[1]!] : [read[1]!, read[0]!];
  const { count, height, width, channels } = pair.images.block;
  const classes = pair.perClass.length;
  const summary = `“${images.name}” and “${labels.name}”: ${count.toLocaleString('en-US')} images of ${width}×${height} (${channels === 3 ? 'RGB' : 'grayscale'}), labels 0–${classes - 1}${lonelyClasses(pair.perClass)}`;
  return { images: { ...images, sha256: await sha256Hex(images.bytes) }, labels: { ...labels, sha256: await sha256Hex(labels.bytes) }, summary, classes };
}
