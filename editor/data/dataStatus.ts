/**
 * The text-corpus nodes of a graph and their files: whether this browser has the file a node
 * names, and the params a picked file gives the node (its name, size and SHA-256; the vocabulary
 * too when the file has characters the node's vocabulary lacks), with notes the user must see.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { DEFAULT_CORPUS } from '../../plugins/text-corpus/spec.ts';
import type { StoredDataset } from '../../workers/engineApi.ts';

/** A text-corpus node as the Data section shows it. */
export interface CorpusNode {
  readonly id: string;
  readonly dataset: string;
  readonly size: number;
  readonly sha256: string;
  readonly level: 'char' | 'byte';
  readonly vocab: string;
}

/** The graph's text-corpus nodes. */
export function corpusNodes(doc: GraphDoc): CorpusNode[] {
  return Object.values(doc.nodes)
    .filter((n) => n.type === 'text-corpus')
    .map((n) => {
      const p = n.params as { dataset?: string; size?: number; sha256?: string; level?: 'char' | 'byte'; vocab?: string };
      return { id: n.id, dataset: p.dataset ?? '', size: p.size ?? 0, sha256: p.sha256 ?? '', level: p.level ?? 'char', vocab: p.vocab ?? '' };
    });
}

/** Where a node's file is: shipped with the app, kept in this browser, or missing. */
export function statusOf(node: CorpusNode, stored: readonly StoredDataset[]): 'shipped' | 'kept' | 'missing' {
  if (node.sha256 === DEFAULT_CORPUS.sha256) return 'shipped';
  return stored.some((d) => d.sha256 === node.sha256) ? 'kept' : 'missing';
}

/** The node's params for a picked file, and what the user must be told about the change. */
export function paramsForPickedText(node: CorpusNode, picked: StoredDataset): { params: Record<string, ParamValue>; notes: string[] } {
  const params: Record<string, ParamValue> = { dataset: picked.name, size: picked.size, sha256: picked.sha256 };
  const notes: string[] = [];
  if (node.sha256 !== '' && node.sha256 !== picked.sha256 && node.dataset === picked.name) {
    notes.push(`“${picked.name}” differs from the file this graph was made with (SHA-256 ${picked.sha256.slice(0, 12)}…, the graph recorded ${node.sha256.slice(0, 12)}…): node "${node.id}" now uses the picked file.`);
  }
  if (node.level === 'char') {
    const have = new Set(Array.from(node.vocab));
    const missing = Array.from(picked.vocab).filter((c) => !have.has(c));
    if (missing.length > 0) {
      params.vocab = picked.vocab;
      notes.push(`Node "${node.id}": the vocabulary is now the file's ${Array.from(picked.vocab).length} characters (it lacked ${missing.length}); the embedding and output sizes must match it (the graph says which do not).`);
    }
  }
  return { params, notes };
}
