/**
 * The block library: blocks saved for reuse in every graph, kept in IndexedDB (through idb, in
 * a database of their own so the graph library's schema is untouched). Each entry is the text
 * of a `.block.json` (model/blockFiles.ts), so reusing one goes through the loader and paste like
 * an import. Saving a block under an id already in the library replaces it. Renaming changes the
 * entry's title and the definition's title inside its text (so the block arrives with the new
 * name); deleting has no undo, so the palette asks first.
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
  changed();
}

function changed(): void {
  for (const l of [...listeners]) l();
}

/**
 * `.block.json` text with the definition `id`'s title set to `title` (the title key first, as the
 * canonical writer orders a definition). Text that is not a block file is returned unchanged:
 * adding it reports the problem, as for any import.
 */
export function retitledBlockText(text: string, id: string, title: string): string {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return text;
  }
  const blocks = (file as { blocks?: unknown } | null)?.blocks;
  if (typeof blocks !== 'object' || blocks === null || !Object.hasOwn(blocks, id)) return text;
  const table = blocks as Record<string, unknown>;
  const def = table[id];
  if (typeof def !== 'object' || def === null) return text;
  table[id] = Object.assign({ title }, def, { title });
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Gives the saved block `id` a new title (refused when it is blank or no such block is saved). */
export async function renameLibraryBlock(id: string, title: string): Promise<void> {
  const name = title.trim();
  if (name === '') throw new Error('a block needs a name');
  const d = await db();
  const block = await d.get('blocks', id);
  if (!block) throw new Error(`no block "${id}" in the library`);
  await d.put('blocks', { ...block, title: name, text: retitledBlockText(block.text, id, name) });
  changed();
}

/** Removes the saved block `id` from the library (no undo). */
export async function deleteLibraryBlock(id: string): Promise<void> {
  await (await db()).delete('blocks', id);
  changed();
}

/** Calls `listener` after every save, rename and delete; returns the unsubscribe. */
export function onLibraryChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
