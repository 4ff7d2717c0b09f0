/**
 * Puts the datasets shipped in datasets/ on this realm's dataset shelf, as the CLI does for a
 * graph that names them, so tests can build the sources of nodes that read a data file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetShelf } from '../../plugins/_shared/datasetShelf.ts';
import { DEFAULT_DIGITS } from '../../plugins/image-dataset/spec.ts';
import { DEFAULT_CORPUS } from '../../plugins/text-corpus/spec.ts';

/** datasets/ in the repository. */
export const DATASETS_DIR = join(import.meta.dirname, '..', '..', 'datasets');

/** Types of the data nodes that read a data file (their graphs need {@link shelveShippedDatasets}). */
export const FILE_DATA_TYPES: ReadonlySet<string> = new Set(['text-corpus', 'image-dataset']);

/** Reads every shipped dataset, checks it against the hash the plugins record, and shelves it. */
export function shelveShippedDatasets(): void {
  for (const ref of [DEFAULT_CORPUS, DEFAULT_DIGITS.images, DEFAULT_DIGITS.labels]) {
    const bytes = new Uint8Array(readFileSync(join(DATASETS_DIR, ref.name)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== ref.sha256) throw new Error(`datasets/${ref.name} has SHA-256 ${sha256}, the plugins record ${ref.sha256}`);
    datasetShelf.put({ name: ref.name, size: bytes.length, sha256, bytes });
  }
}
