/**
 * Datasets the user picked in the editor, read, checked and kept by the worker: the file's bytes
 * never pass through the page's state. A picked text file is read in chunks (progress), hashed
 * (SHA-256), decoded as UTF-8 for its character vocabulary (binary and empty files are refused
 * with the file's name), put on the worker's dataset shelf and kept in IndexedDB
 * (`netwright-datasets`), so a reload finds it again without a new pick; a picked image folder
 * the same way (`userImageFolders.ts`), and a picked pair of IDX files as two datasets (`userIdxFiles.ts`). When the browser's storage is full the dataset still
 * serves this session and the result says it was not kept.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { datasetShelf, type DatasetRef } from '../plugins/_shared/datasetShelf.ts';
import { buildCharVocab, CorpusError, decodeUtf8 } from '../plugins/text-corpus/corpus.ts';
import { MAX_CHAR_VOCAB } from '../plugins/text-corpus/spec.ts';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { AddedDataset, AddedIdxDataset, PickedFolder, PickedIdxFiles, StoredDataset } from './engineApi.ts';
import { readIdxFiles } from './userIdxFiles.ts';
import { predecodeFolder, readImageFolder } from './userImageFolders.ts';

/** The IndexedDB database of the user's datasets (one per origin, shared by every graph). */
export const DATASETS_DB_NAME = 'netwright-datasets';

interface DatasetsDb extends DBSchema {
  files: { key: string; value: StoredDataset & { readonly bytes: Blob } };
}

let db: Promise<IDBPDatabase<DatasetsDb>> | undefined;
function open(): Promise<IDBPDatabase<DatasetsDb>> {
  db ??= openDB<DatasetsDb>(DATASETS_DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('files', { keyPath: 'sha256' });
    },
  });
  return db;
}

/** SHA-256 of bytes, 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads a file in chunks, reporting the bytes read so far. */
export async function readAll(file: File, onProgress: (loaded: number, total: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let loaded = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, loaded);
    loaded += value.length;
    if (loaded - reported >= 1 << 20 || loaded === file.size) {
      onProgress(loaded, file.size);
      reported = loaded;
    }
  }
  return bytes;
}

function isQuotaError(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'UnknownError');
}

/**
 * Reads, checks and keeps a text file for a text-corpus node. Fails with `ENGINE_DATA_FILE` naming the
 * file when it is empty, not UTF-8 text, or has more distinct characters than a vocabulary holds.
 */
export async function addTextDataset(file: File, onProgress: (loaded: number, total: number) => void): Promise<AddedDataset> {
  if (file.size === 0) throw new NetwrightError('ENGINE_DATA_FILE', `"${file.name}" is empty (0 bytes): choose a text file with some text in it`);
  const bytes = await readAll(file, onProgress);
  let vocab: string;
  try {
    vocab = buildCharVocab(decodeUtf8(bytes, file.name));
  } catch (e) {
    if (e instanceof CorpusError) throw new NetwrightError('ENGINE_DATA_FILE', e.message);
    throw e;
  }
  if (Array.from(vocab).length > MAX_CHAR_VOCAB) throw new NetwrightError('ENGINE_DATA_FILE', `"${file.name}" has more than ${MAX_CHAR_VOCAB} distinct characters: choose level "byte"`);
  return keep({ name: file.name, size: bytes.length, sha256: await sha256Hex(bytes) }, bytes, vocab);
}

/** Puts a checked dataset on the shelf and keeps it in IndexedDB (or says why it could not). */
async function keep(ref: DatasetRef, bytes: Uint8Array<ArrayBuffer>, vocab: string, summary?: string): Promise<AddedDataset> {
  datasetShelf.put({ ...ref, bytes });
  const record = { ...ref, vocab, addedAt: Date.now() };
  const said = summary === undefined ? {} : { note: summary };
  try {
    await (await open()).put('files', { ...record, bytes: new Blob([bytes]) });
    return { ...record, stored: true, ...said };
  } catch (e) {
    const why = isQuotaError(e) ? 'the browser storage for this site is full' : `the browser refused to store it (${e instanceof Error ? e.message : String(e)})`;
    const note = `"${ref.name}" is loaded for this session but not kept: ${why}; remove datasets you no longer need, or pick it again after a reload`;
    return { ...record, stored: false, note: summary === undefined ? note : `${summary}. ${note}` };
  }
}

/** Reads, checks and keeps a picked text file or image folder (`ENGINE_DATA_FILE` names what is wrong). */
export async function addDataset(picked: File | PickedFolder, onProgress: (loaded: number, total: number) => void): Promise<AddedDataset> {
  if (picked instanceof File) return addTextDataset(picked, onProgress);
  const folder = await readImageFolder(picked, onProgress);
  return keep({ name: picked.folder, size: folder.bytes.length, sha256: folder.sha256 }, folder.bytes, '', folder.summary);
}

/**
 * Reads, checks and keeps two IDX files picked together for an image-dataset node: each file is
 * kept as a dataset of its own (the node names both by SHA-256); nothing is kept when a check fails.
 */
export async function addIdxDataset(picked: PickedIdxFiles, onProgress: (loaded: number, total: number) => void): Promise<AddedIdxDataset> {
  const pair = await readIdxFiles(picked, onProgress);
  const keepFile = (f: typeof pair.images): Promise<AddedDataset> => keep({ name: f.name, size: f.bytes.length, sha256: f.sha256 }, f.bytes, '');
  return { images: await keepFile(pair.images), labels: await keepFile(pair.labels), summary: pair.summary, classes: pair.classes };
}

/** The datasets kept in this browser, newest first (without their bytes). */
export async function listStoredDatasets(): Promise<StoredDataset[]> {
  const all = await (await open()).getAll('files');
  return all.map(({ name, size, sha256, vocab, addedAt }) => ({ name, size, sha256, vocab, addedAt })).sort((a, b) => b.addedAt - a.addedAt);
}

/** Forgets a kept dataset (and drops it from the shelf). */
export async function removeStoredDataset(sha256: string): Promise<void> {
  datasetShelf.remove(sha256);
  await (await open()).delete('files', sha256);
}

/** Puts every kept dataset the plan's data nodes name (by SHA-256, in any param) on the shelf. */
export async function shelveStoredData(plan: ExecutionPlan): Promise<void> {
  for (const step of plan.steps) {
    for (const sha of Object.values(step.params)) {
      if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha) || datasetShelf.get(sha)) continue;
      const kept = await (await open()).get('files', sha);
      if (!kept) continue;
      const bytes = new Uint8Array(await kept.bytes.arrayBuffer());
      datasetShelf.put({ name: kept.name, size: kept.size, sha256: kept.sha256, bytes });
      await predecodeFolder(bytes, kept.name, kept.sha256);
    }
  }
}
