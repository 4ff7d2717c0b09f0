/**
 * Work budgets of graph files, checked while the text is parsed (see `boundedJson.ts`): a file
 * within the character limit can still hold millions of tiny values that would take minutes to
 * validate, so elements, nodes, edges and `meta` are counted as they are read and the first
 * budget exceeded stops the parse, naming the JSON path.
 */
import type { Diagnostic } from '../sdk/errors.ts';
import { parseBoundedJson, type JsonBudgets } from './boundedJson.ts';
import { checkTextEncoding } from './encoding.ts';
import { MAX_EDGES, MAX_FILE_CHARS, MAX_FILE_DEPTH, MAX_NODES } from './limits.ts';

/** Most JSON values in one graph file (a full graph of 20,000 nodes and 100,000 edges holds about 1 million). */
export const MAX_FILE_ELEMENTS = 1_500_000;

/** Most JSON values in a file's `meta` (title, description and free-form notes). */
export const MAX_META_ELEMENTS = 50_000;

/** The budgets every graph text is parsed within: files, share links, autosaved copies. */
export const GRAPH_BUDGETS: JsonBudgets = {
  maxElements: MAX_FILE_ELEMENTS,
  maxDepth: MAX_FILE_DEPTH,
  sections: {
    nodes: { maxEntries: MAX_NODES, entriesCode: 'FILE_TOO_MANY_NODES', entriesName: 'nodes' },
    edges: { maxEntries: MAX_EDGES, entriesCode: 'FILE_TOO_MANY_EDGES', entriesName: 'edges' },
    meta: { maxElements: MAX_META_ELEMENTS },
  },
};

/** Result of {@link parseGraphText}. */
export type GraphTextResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Diagnostic };

/** The size rule of graph text, shared by readers and writers; a message when it is broken. */
export function graphTextTooLarge(length: number, what = 'the file'): string | undefined {
  if (length <= MAX_FILE_CHARS) return undefined;
  const mb = (length / (1024 * 1024)).toFixed(1);
  return `${what} is ${mb} MB; the limit is ${MAX_FILE_CHARS / (1024 * 1024)} MB`;
}

/**
 * Parses graph-file text within {@link GRAPH_BUDGETS}, after the size and encoding checks.
 * @returns the parsed value, or one coded diagnostic with the JSON path.
 */
export function parseGraphText(text: string): GraphTextResult {
  const tooLarge = graphTextTooLarge(text.length);
  if (tooLarge)
    return { ok: false, error: { code: 'FILE_TOO_LARGE', severity: 'error', message: tooLarge, path: '' } };
  const encoding = checkTextEncoding(text);
  if (encoding)
    return {
      ok: false,
      error: { code: encoding.code, severity: 'error', message: encoding.message, path: '' },
    };
  const parsed = parseBoundedJson(text, GRAPH_BUDGETS);
  if (parsed.ok) return parsed;
  const { code, message, path } = parsed.problem;
  return { ok: false, error: { code, severity: 'error', message, path } };
}
