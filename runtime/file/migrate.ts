/**
 * Migrations run on load, before strict validation: first the core envelope migrations (file
 * format version), then each plugin's own migration sequence on the nodes of that plugin.
 * Both are up-only and consecutive. Files from the future are refused, never guessed at.
 */
import { cloneJson, findJsonProblem } from '../graph/json.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { MigratableNode } from '../sdk/plugin.ts';
import type { Registry } from '../sdk/registry.ts';
import { GRAPH_FORMAT_VERSION } from './limits.ts';
import { errorMessage } from '../sdk/errors.ts';

/** A plain JSON object, as the loader sees a file before validation. */
export type RawObject = Record<string, unknown>;

/** One core migration: turns a file at envelope version `from` into one at `from + 1`. */
export interface EnvelopeMigration {
  readonly from: number;
  /** Stable name, for messages. */
  readonly name: string;
  /** Returns the migrated file (may mutate and return its argument, a private copy). */
  readonly up: (file: RawObject) => RawObject;
}

/**
 * The core migrations. Version 1 is the first published envelope; version 2 adds the optional
 * `blocks` section (docs/blocks.md), so a version-1 file is a version-2 file as it stands.
 * Append, never edit, entries.
 */
export const ENVELOPE_MIGRATIONS: readonly EnvelopeMigration[] = [
  { from: 1, name: 'blocks', up: (file) => file },
];

/** Whether a value is a plain (non-array) object. */
export function isObject(v: unknown): v is RawObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function error(code: string, message: string, path: string, node?: string): Diagnostic {
  return { code, severity: 'error', message, path, ...(node === undefined ? {} : { node }) };
}

/**
 * Brings a file from its envelope version up to the current one.
 * @returns the migrated file, or a diagnostic when a step is missing or throws.
 */
export function migrateEnvelope(
  file: RawObject,
  version: number,
  migrations: readonly EnvelopeMigration[] = ENVELOPE_MIGRATIONS,
): { ok: true; file: RawObject } | { ok: false; error: Diagnostic } {
  let current = file;
  for (let v = version; v < GRAPH_FORMAT_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      return {
        ok: false,
        error: error(
          'FILE_UNSUPPORTED_VERSION',
          `format version ${v} is not supported: no migration to version ${v + 1}`,
          'version',
        ),
      };
    }
    try {
      current = step.up(current);
    } catch (e) {
      const why = errorMessage(e);
      return {
        ok: false,
        error: error('FILE_MIGRATION_FAILED', `core migration "${step.name}" failed: ${why}`, 'version'),
      };
    }
    current.version = v + 1;
  }
  return { ok: true, file: current };
}

/** What the plugin migration pass found. */
export interface PluginMigrationReport {
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  /**
   * Installed plugins the file was saved with a newer version of (its migration number is
   * ahead): their nodes are not migrated and the loader keeps them as placeholders.
   */
  readonly tooNew: Set<string>;
}

function lockMigration(
  lock: unknown,
  type: string,
  report: PluginMigrationReport,
): number | undefined | 'bad' {
  if (!isObject(lock) || !Object.hasOwn(lock, type)) return undefined;
  const entry = lock[type];
  const n = isObject(entry) ? entry.migration : undefined;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  report.errors.push(
    error(
      'FILE_BAD_LOCK',
      `the lock entry of plugin "${type}" needs an integer "migration" >= 0`,
      `plugins.${type}.migration`,
    ),
  );
  return 'bad';
}

/** ` 1.2.0` (with a leading space) when the lock names a version for `type`, else ''. */
function lockVersion(lock: unknown, type: string): string {
  if (!isObject(lock) || !Object.hasOwn(lock, type)) return '';
  const entry = lock[type];
  return isObject(entry) && typeof entry.version === 'string' ? ` ${entry.version}` : '';
}

/**
 * Runs each registered plugin's migrations on its nodes, in place, from the migration number
 * recorded in the file's lock up to the plugin's current one. Nodes of unknown plugins are not
 * touched. A lock newer than the installed plugin is reported in `tooNew` with a warning: the
 * file needs a newer plugin, and until then its nodes stay exactly as saved. A lock whose
 * version differs from the installed one is a warning that says what happened to the nodes.
 */
export function migratePluginNodes(file: RawObject, registry: Registry): PluginMigrationReport {
  const report: PluginMigrationReport = { errors: [], warnings: [], tooNew: new Set() };
  const checked = new Map<string, number | undefined>();
  if (isObject(file.nodes)) migrateNodes(file, file.nodes, 'nodes', registry, report, checked);
  if (isObject(file.blocks)) {
    for (const [id, block] of Object.entries(file.blocks)) {
      if (isObject(block) && isObject(block.nodes))
        migrateNodes(file, block.nodes, `blocks.${id}.nodes`, registry, report, checked);
    }
  }
  return report;
}

/** {@link migratePluginNodes} on one set of nodes (the top level or one block's), at JSON path `at`. */
function migrateNodes(
  file: RawObject,
  nodes: RawObject,
  at: string,
  registry: Registry,
  report: PluginMigrationReport,
  checked: Map<string, number | undefined>,
): void {
  for (const [id, node] of Object.entries(nodes)) {
    if (!isObject(node) || typeof node.type !== 'string') continue;
    const spec = registry.get(node.type);
    if (!spec) continue;
    const steps = spec.migrations ?? [];
    if (!checked.has(spec.id)) {
      const at = lockMigration(file.plugins, spec.id, report);
      if (at === undefined) {
        report.warnings.push({
          code: 'FILE_LOCK_MISSING',
          severity: 'warning',
          message: `plugin "${spec.id}" is not in the file's lock ("plugins"): its nodes are read as current (migration ${steps.length})`,
          path: 'plugins',
        });
      } else if (at !== 'bad' && at > steps.length) {
        report.tooNew.add(spec.id);
        report.warnings.push({
          code: 'FILE_PLUGIN_TOO_NEW',
          severity: 'warning',
          message: `this file was saved with a newer plugin "${spec.id}"${lockVersion(file.plugins, spec.id)} (migration ${at}); the installed version ${spec.version} knows migrations up to ${steps.length}: its nodes are kept exactly as saved (as placeholders) until you install the newer version`,
          path: `plugins.${spec.id}.migration`,
        });
      } else if (at !== 'bad') {
        const saved = lockVersion(file.plugins, spec.id);
        if (saved !== '' && saved !== ` ${spec.version}`) {
          report.warnings.push({
            code: 'FILE_PLUGIN_VERSION',
            severity: 'warning',
            message: `this file was saved with plugin "${spec.id}"${saved}; the installed version is ${spec.version}: ${at < steps.length ? `its nodes were migrated (migrations ${at} to ${steps.length})` : 'the node format is the same, so its nodes are read unchanged'}, and saving records ${spec.version}`,
            path: `plugins.${spec.id}.version`,
          });
        }
      }
      checked.set(
        spec.id,
        at === 'bad' || (at !== undefined && at > steps.length) ? undefined : (at ?? steps.length),
      );
    }
    const from = checked.get(spec.id);
    if (from === undefined || from >= steps.length) continue;
    const target: MigratableNode = {
      params: isObject(node.params) ? (cloneJson(node.params) as MigratableNode['params']) : {},
      ...(isObject(node.data) ? { data: cloneJson(node.data) } : {}),
    };
    for (let m = from; m < steps.length; m++) {
      const step = steps[m]!;
      try {
        step.up(target);
      } catch (e) {
        const why = errorMessage(e);
        report.errors.push(
          error(
            'FILE_MIGRATION_FAILED',
            `migration "${step.name}" of plugin "${spec.id}" failed on node "${id}": ${why}`,
            `${at}.${id}`,
            id,
          ),
        );
        break;
      }
    }
    const problem = findJsonProblem(target, `${at}.${id}`);
    if (problem) {
      report.errors.push(
        error(
          'FILE_MIGRATION_FAILED',
          `migrations of plugin "${spec.id}" left a bad value: ${problem.message}`,
          problem.path,
          id,
        ),
      );
      continue;
    }
    node.params = target.params;
    if (target.data === undefined) delete node.data;
    else node.data = target.data;
  }
}
