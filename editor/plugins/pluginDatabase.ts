/**
 * Installed plugin modules in IndexedDB (through idb), in their own database so the library's
 * schema never has to change for them. A module installed from a local file, or a standalone
 * module installed from a URL, keeps its confirmed code here and is loaded from that copy on
 * every start; a URL module with imports keeps only its URL and SHA-256 and is imported by URL
 * (after a hash check) on every start.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A plugin a module provides, as recorded when it was (last) loaded. */
export interface InstalledPlugin {
  readonly id: string;
  readonly version: string;
  readonly title: string;
}

/** One installed module. */
export interface InstalledModule {
  /** `url:<url>` or `file:<name>:<sha256>`. */
  readonly key: string;
  readonly kind: 'url' | 'file';
  /** What the user sees and messages name: the URL, or the file name. */
  readonly source: string;
  readonly url?: string;
  /** The confirmed code, when the module is loaded from it (file and standalone URL modules). */
  readonly code?: string;
  /** SHA-256 (hex) of the code the user confirmed. */
  readonly sha256: string;
  readonly bytes: number;
  readonly installedAt: number;
  readonly plugins: readonly InstalledPlugin[];
}

interface PluginDbSchema extends DBSchema {
  modules: { key: string; value: InstalledModule; indexes: { installedAt: number } };
}

/** The opened database. */
export type PluginDb = IDBPDatabase<PluginDbSchema>;

/** Database name; tests pass their own to stay isolated. */
export const PLUGIN_DB_NAME = 'netwright-plugins';

/** Opens (creating if needed) the plugin database. */
export function openPluginDb(name = PLUGIN_DB_NAME): Promise<PluginDb> {
  return openDB<PluginDbSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('modules', { keyPath: 'key' }).createIndex('installedAt', 'installedAt');
    },
  });
}

/** Every installed module, in install order. */
export function listModules(db: PluginDb): Promise<InstalledModule[]> {
  return db.getAllFromIndex('modules', 'installedAt');
}

/** Records a module (insert or replace). */
export async function putModule(db: PluginDb, module: InstalledModule): Promise<void> {
  await db.put('modules', module);
}

/** Forgets a module. */
export async function deleteModule(db: PluginDb, key: string): Promise<void> {
  await db.delete('modules', key);
}
