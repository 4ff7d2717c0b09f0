/**
 * The datasets this process holds: bytes a host (the CLI, the training worker) read from a file
 * the user named, keyed by their SHA-256. A graph file never embeds a large dataset; its data
 * node records the dataset's name, size and SHA-256 (a {@link DatasetRef}), and the node's
 * lowering takes the bytes from here.
 *
 * Why a module value and not a registry passed in: a lowering's `source(ctx)` gets no host
 * services, and the dataset is not part of the plan (plans are plain data sent to the worker).
 * There is one shelf per JavaScript realm (one per CLI process, one per worker), filled by that
 * host only, so nothing else can put data on it.
 */

/** What a graph records about a dataset instead of its bytes. */
export interface DatasetRef {
  /** The file's name as the user picked it (no directories). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  readonly sha256: string;
}

/** A dataset on the shelf: its reference and its bytes. */
export interface ShelvedDataset extends DatasetRef {
  readonly bytes: Uint8Array;
}

/** The per-realm store of loaded datasets. */
export interface DatasetShelf {
  /** Adds (or replaces) a dataset; the caller computed `sha256` from `bytes`. */
  put(dataset: ShelvedDataset): void;
  /** The dataset with this SHA-256, if this host loaded it. */
  get(sha256: string): ShelvedDataset | undefined;
  /** Drops a dataset (and lets derived caches go with it). */
  remove(sha256: string): void;
  /** References of every dataset held. */
  list(): readonly DatasetRef[];
}

/** Creates an empty shelf (tests make their own; hosts use {@link datasetShelf}). */
export function createDatasetShelf(): DatasetShelf {
  const held = new Map<string, ShelvedDataset>();
  return {
    put(dataset) {
      if (dataset.bytes.length !== dataset.size) throw new Error(`dataset "${dataset.name}": size ${dataset.size} does not match its ${dataset.bytes.length} bytes`);
      held.set(dataset.sha256, dataset);
    },
    get: (sha256) => held.get(sha256),
    remove(sha256) {
      held.delete(sha256);
    },
    list: () => [...held.values()].map(({ name, size, sha256 }) => ({ name, size, sha256 })),
  };
}

/** This realm's shelf: the CLI and the training worker put the datasets they read here. */
export const datasetShelf: DatasetShelf = createDatasetShelf();

/** `1,115,394 bytes, SHA-256 86c4e6a…`: how messages name a dataset. */
export function describeDataset(ref: DatasetRef): string {
  return `"${ref.name}" (${ref.size.toLocaleString('en-US')} bytes, SHA-256 ${ref.sha256.slice(0, 12)}…)`;
}
