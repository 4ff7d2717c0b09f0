/**
 * Dataset files for the CLI: read one from disk with its SHA-256 (a folder of images becomes one
 * folder pack, `plugins/image-dataset/folderPack.ts`), find a graph's dataset by name (next to
 * the graph, in the current directory, then the shipped `datasets/` folder), and put it on this
 * process's dataset shelf.
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ShelvedDataset } from '../plugins/_shared/datasetShelf.ts';
import { packImageFolder, type FolderFile } from '../plugins/image-dataset/folderPack.ts';
import { REPO_ROOT } from './root.ts';

/** A dataset read from disk, with a line about what was skipped (image folders). */
export type ReadDataset = ShelvedDataset & { readonly note?: string };

/** Every file below `dir`, with its path relative to `root` (`/`-separated). */
async function filesBelow(root: string, dir = ''): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesBelow(root, rel)));
    else if (entry.isFile()) out.push({ path: rel, bytes: new Uint8Array(await readFile(join(root, rel))) });
  }
  return out;
}

/** Reads a dataset file, or packs a folder of images: bytes, size, SHA-256 and base name. */
export async function readDatasetFile(path: string): Promise<ReadDataset> {
  if ((await stat(path)).isDirectory()) {
    const packed = packImageFolder(basename(resolve(path)), await filesBelow(path));
    const { notImages, outsideLabels } = packed.skipped;
    const skipped = notImages + outsideLabels > 0 ? `; skipped ${notImages} files that are not PNG/JPEG and ${outsideLabels} outside a label sub-folder` : '';
    return { name: basename(resolve(path)), size: packed.bytes.length, sha256: createHash('sha256').update(packed.bytes).digest('hex'), bytes: packed.bytes, note: `${packed.images} images${skipped}` };
  }
  const bytes = new Uint8Array(await readFile(path));
  return { name: basename(path), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** Where a dataset named in a graph is looked for, in order. */
export function datasetCandidates(name: string, graphFile: string): string[] {
  return [join(dirname(resolve(graphFile)), name), resolve(name), join(REPO_ROOT, 'datasets', name)];
}

/** The first candidate path that exists, or undefined. */
export async function findDataset(name: string, graphFile: string): Promise<string | undefined> {
  for (const path of datasetCandidates(name, graphFile)) {
    try {
      await access(path);
      return path;
    } catch {
      // not here; try the next place
    }
  }
  return undefined;
}
