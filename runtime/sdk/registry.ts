import type { AnyPluginSpec } from './plugin.ts';

/** A read-only set of plugin specs keyed by id. Registries are values, never globals. */
export interface Registry {
  get(id: string): AnyPluginSpec | undefined;
  has(id: string): boolean;
  /** All specs in registration order. */
  list(): readonly AnyPluginSpec[];
  /** A new registry with more specs; duplicates fail as in {@link createRegistry}. */
  extend(specs: readonly AnyPluginSpec[], source?: string): Registry;
}

/** A spec with the name of where it came from (a package, a file, a URL), for messages. */
interface Entry {
  readonly spec: AnyPluginSpec;
  readonly source: string;
}

function build(entries: readonly Entry[]): Registry {
  const byId = new Map<string, Entry>();
  for (const e of entries) {
    const prev = byId.get(e.spec.id);
    if (prev) {
      throw new Error(
        `duplicate plugin id "${e.spec.id}": registered by ${prev.source} and again by ${e.source}`,
      );
    }
    byId.set(e.spec.id, e);
  }
  const list = entries.map((e) => e.spec);
  return {
    get: (id) => byId.get(id)?.spec,
    has: (id) => byId.has(id),
    list: () => list,
    extend: (specs, source = 'extension') =>
      build([...entries, ...specs.map((spec) => ({ spec, source }))]),
  };
}

/**
 * Creates a registry from specs. A duplicate id is an error naming both sources, never a
 * silent overwrite.
 * @param source - names where these specs come from, used in duplicate-id messages.
 */
export function createRegistry(specs: readonly AnyPluginSpec[], source = 'built-in'): Registry {
  return build(specs.map((spec) => ({ spec, source })));
}
