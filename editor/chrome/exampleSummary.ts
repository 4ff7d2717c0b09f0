/**
 * What the examples gallery shows for a bundled graph file: its title, the first sentence of its
 * description and a thumbnail of its top-level nodes and links, read from the file's JSON
 * without loading it into the editor (which happens only when the example is opened).
 */

/** One node's box in the thumbnail, in the file's flow coordinates. */
export interface ThumbnailBox {
  readonly x: number;
  readonly y: number;
}

/** The gallery's view of one example. */
export interface ExampleSummary {
  readonly name: string;
  readonly title: string;
  /** First sentence of the description (at most {@link DESCRIPTION_MAX} characters). */
  readonly description: string;
  readonly boxes: readonly ThumbnailBox[];
  /** Links as indexes into `boxes`. */
  readonly links: readonly (readonly [number, number])[];
}

/** Longest description line shown. */
export const DESCRIPTION_MAX = 140;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first sentence of `text`, cut to `max` characters. */
export function firstSentence(text: string, max = DESCRIPTION_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  const first = end >= 0 ? flat.slice(0, end + 1) : flat;
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}

function nodeOf(endpoint: unknown): string | undefined {
  return isRecord(endpoint) && typeof endpoint.node === 'string' ? endpoint.node : undefined;
}

/** The summary of an example file's text; a file that does not parse shows its name only. */
export function summarizeExample(name: string, text: string): ExampleSummary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const file = isRecord(json) ? json : {};
  const meta = isRecord(file.meta) ? file.meta : {};
  const nodes = isRecord(file.nodes) ? file.nodes : {};
  const index = new Map<string, number>();
  const boxes: ThumbnailBox[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    const p = isRecord(node) && isRecord(node.position) ? node.position : undefined;
    if (typeof p?.x !== 'number' || typeof p.y !== 'number') continue;
    index.set(id, boxes.length);
    boxes.push({ x: p.x, y: p.y });
  }
  const links: [number, number][] = [];
  for (const edge of Array.isArray(file.edges) ? (file.edges as unknown[]) : []) {
    const from = index.get(nodeOf(isRecord(edge) ? edge.from : undefined) ?? '');
    const to = index.get(nodeOf(isRecord(edge) ? edge.to : undefined) ?? '');
    if (from !== undefined && to !== undefined) links.push([from, to]);
  }
  return {
    name,
    title: typeof meta.title === 'string' && meta.title.trim() !== '' ? meta.title : name,
    description: typeof meta.description === 'string' ? firstSentence(meta.description) : '',
    boxes,
    links,
  };
}
