/**
 * Reads what the user picked for a data node in the engine worker and turns it into the node's
 * params: a text file (`addDataset`), a folder of images (`addDataset`, after its handles are
 * prepared without a long task) or a pair of IDX files (`addIdxDataset`). Only `File` handles
 * cross to the worker; the bytes never come back.
 */
import type { ParamValue } from '../../runtime/sdk/params.ts';
import type { PickedFolder, PickedIdxFiles } from '../../workers/engineApi.ts';
import type { RunSession } from '../run/runSession.ts';
import { paramsForPickedFolder, paramsForPickedIdx, paramsForPickedText, type DataNode } from './dataStatus.ts';
import { prepareFolder } from './pickedFolder.ts';

/** What a data row or a canvas badge hands on: a text file, a folder of images, or IDX files. */
export type PickedData = File | PickedFolder | PickedIdxFiles;

/** The node's new params and what the user must be told (what was read, a changed hash, storage). */
export interface ReadPicked {
  readonly params: Record<string, ParamValue>;
  readonly notes: readonly string[];
}

/** Progress of a read: a line saying what is being read, and how far it is. */
export type ReadPickedProgress = (what: string, loaded: number, total: number) => void;

/** The name shown while a pick is read. */
export function pickedName(picked: PickedData): string {
  if (picked instanceof File) return picked.name;
  if ('idxFiles' in picked) return picked.idxFiles.map((f) => f.name).join(' + ');
  return picked.folder;
}

/** Reads, checks and keeps `picked` in the worker; fails with the worker's coded error naming the file. */
export async function readPicked(session: RunSession, node: DataNode, picked: PickedData, onProgress: ReadPickedProgress): Promise<ReadPicked> {
  const name = pickedName(picked);
  const progress = (loaded: number, total: number): void => { onProgress(name, loaded, total); };
  if ('idxFiles' in picked) {
    const added = await session.addIdxDataset(picked, progress);
    const { params, notes } = paramsForPickedIdx(node, added);
    return { params, notes: [added.summary, ...[added.images.note, added.labels.note].flatMap((n) => n ?? []), ...notes] };
  }
  if (!(picked instanceof File)) {
    await prepareFolder(picked, (done, total) => { onProgress(`${name}: preparing ${total.toLocaleString('en-US')} files`, done, total); });
  }
  const added = await session.addDataset(picked, progress);
  const { params, notes } = node.kind === 'images' ? paramsForPickedFolder(node, added) : paramsForPickedText(node, added);
  return { params, notes: [...(added.note ? [added.note] : []), ...notes] };
}
