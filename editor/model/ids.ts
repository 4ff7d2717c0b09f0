/**
 * Readable, unique ids for nodes and edges. Files are meant to be diffed by people, so ids read
 * like `dense2` rather than UUIDs.
 */

/** A lower-camel base name for ids made from a plugin id: `acme.fooBar` -> `fooBar`. */
export function idBase(pluginId: string): string {
  const last = pluginId.split('.').pop() ?? 'node';
  const clean = last.replace(/[^a-zA-Z0-9]/g, '');
  return clean === '' || /^[0-9]/.test(clean) ? `n${clean}` : clean;
}

/** The first `base1`, `base2`, … that `taken` does not hold. */
export function freshId(base: string, taken: (id: string) => boolean): string {
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!taken(id)) return id;
  }
}

/** An edge id derived from its ends; stable, so re-connecting the same ports gives the same id. */
export function edgeId(from: { node: string; port: string }, to: { node: string; port: string }): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}
