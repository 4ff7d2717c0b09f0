/**
 * Example graphs bundled from graphs/*.graph.json (loaded lazily as text). The editor opens
 * two-spirals-mlp on first start; when the examples are absent it starts empty.
 */
const files = import.meta.glob<string>('../graphs/*.graph.json', { query: '?raw', import: 'default' });

/** The graph opened on first start. */
export const DEFAULT_EXAMPLE = 'two-spirals-mlp';

/** Names of the bundled examples. */
export function exampleNames(): string[] {
  return Object.keys(files)
    .map((p) => p.replace(/^.*\//, '').replace(/\.graph\.json$/, ''))
    .sort();
}

/** The text of an example, or undefined when it is not bundled. */
export async function loadExample(name: string = DEFAULT_EXAMPLE): Promise<string | undefined> {
  const load = files[`../graphs/${name}.graph.json`];
  return load ? await load() : undefined;
}
