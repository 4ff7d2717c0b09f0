/**
 * The block library: blocks saved for reuse in every graph, kept in IndexedDB (through idb, in
 * a database of their own so the graph library's schema is untouched). Each entry is the text
 * of a `.block.json` (model/blockFiles.ts), so reusing one goes through the loader and paste like
 * an import. Saving a block under an id already in the library replaces it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** One saved block. */
export interface LibraryBlock {
  /** The block's id in the graph it was saved from. */
  readonly id: string;
  readonly title: string;
  /** `.block.json` text. */
  readonly text: string;
  readonly savedAt: number;
}

interface BlockDbSchema extends DBSchema {
  blocks: { key: string; value: LibraryBlock };
}

/** Database name of the block library. */
export const BLOCK_DB_NAME = 'netwright-blocks';

let opened: Promise<IDBPDatabase<BlockDbSchema>> | undefined;
const listeners = new Set<() => void>();

function db(): Promise<IDBPDatabase<BlockDbSchema>> {
  opened ??= openDB<BlockDbSchema>(BLOCK_DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('blocks', { keyPath: 'id' });
    },
  });
  return opened;
}

/** Every saved block, by title. */
export async function listLibraryBlocks(): Promise<LibraryBlock[]> {
  const all = await (await db()).getAll('blocks');
  return all.sort((a, b) => a.title.localeCompare(b.title));
}

/** Saves (or replaces) a block in the library. */
export async function saveLibraryBlock(block: Omit<LibraryBlock, 'savedAt'>): Promise<void> {
  await (await db()).put('blocks', { ...block, savedAt: Date.now() });
  for (const l of [...listeners]) l();
}

/** Calls `listener` after every save; returns the unsubscribe. */
export function onLibraryChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
