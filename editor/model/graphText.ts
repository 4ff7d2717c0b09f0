/**
 * ADAPTER: reading and writing `*.graph.json` through runtime/file (loadGraph: migrations,
 * strict validation with JSON paths, placeholders for unknown plugins; serializeGraph:
 * canonical text). The editor only sees {@link loadGraphText} and {@link serializeGraphText}.
 */
import { loadGraph } from '../../runtime/file/load.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Diagnostic, Registry } from '../../runtime/sdk/index.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Result of loading a graph file: a document, or the loader's message. */
export type LoadResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly errors: readonly Diagnostic[] };

/** How many loader errors a message lists before summarising the rest. */
const LISTED_ERRORS = 3;

/** Parses and validates graph-file text. Never throws; never runs code from the file. */
export function loadGraphText(text: string, registry: Registry): LoadResult {
  let r: ReturnType<typeof loadGraph>;
  try {
    r = loadGraph(text, registry);
  } catch (e) {
    // The loader is meant never to throw; if it does, the file still must not break the editor.
    const message = errorMessage(e);
    return { ok: false, code: 'FILE_LOADER_FAILED', message, errors: [] };
  }
  if (r.ok) return { ok: true, doc: r.doc, warnings: r.warnings };
  const listed = r.errors.slice(0, LISTED_ERRORS).map((d) => d.message);
  const more = r.errors.length - listed.length;
  const message = more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
  return { ok: false, code: r.errors[0]?.code ?? 'FILE_INVALID', message: message || 'the file is not a graph', errors: r.errors };
}

/** Writes a document as canonical graph-file text. */
export function serializeGraphText(doc: GraphDoc, registry: Registry): string {
  return serializeGraph(doc, registry);
}
