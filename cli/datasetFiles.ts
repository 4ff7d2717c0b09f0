/**
 * Dataset files for the CLI: read one from disk with its SHA-256, find a graph's dataset by
 * name (next to the graph, in the current directory, then the shipped `datasets/` folder), and
 * put it on this process's dataset shelf.
 */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ShelvedDataset } from '../plugins/_shared/datasetShelf.ts';
import { REPO_ROOT } from './root.ts';

/** Reads a dataset file: its bytes, size, SHA-256 and base name. */
export async function readDatasetFile(path: string): Promise<ShelvedDataset> {
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
