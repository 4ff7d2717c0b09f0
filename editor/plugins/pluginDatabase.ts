/**
 * Installed plugin modules in IndexedDB (through idb), in their own database so the library's
 * schema never has to change for them. Every module keeps the code the user confirmed (a
 * module with imports: its standalone bundle) and is loaded from that copy on every start,
 * never by URL. A module in develop mode is the exception the user chose: it is rebuilt from
 * the dev server on every start and every save.
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
  /**
   * The confirmed code, which is what runs. Absent only in records of earlier versions, which
   * imported URL modules with imports by URL: those are not run until reviewed again.
   */
  readonly code?: string;
  /** Develop mode: confirmed once, then rebuilt from the dev server at every start and save. */
  readonly developing?: boolean;
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
