/**
 * The file-backed data nodes of a graph (text corpora, image datasets) and their files: whether
 * this browser has the file a node names, and the params a picked file or folder gives the node
 * (its name, size and SHA-256; for an IDX pair, both files'; for a text, the vocabulary too when the file has characters the
 * node's vocabulary lacks), with notes the user must see.
 */
import type { GraphDoc, GraphNode } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { DEFAULT_DIGITS } from '../../plugins/image-dataset/spec.ts';
import { DEFAULT_CORPUS } from '../../plugins/text-corpus/spec.ts';
import type { AddedIdxDataset, StoredDataset } from '../../workers/engineApi.ts';

/** A data node as the Data section and the canvas show it: the file (or folder) it names. */
export interface DataNode {
  readonly id: string;
  /** `text`: a text-corpus node (a .txt file); `images`: an image-dataset node (a folder). */
  readonly kind: 'text' | 'images';
  readonly dataset: string;
  readonly size: number;
  readonly sha256: string;
  readonly level: 'char' | 'byte';
  readonly vocab: string;
  /** An image-dataset node's IDX labels file (absent for a folder, whose sub-folders are the labels). */
  readonly labels?: { readonly dataset: string; readonly size: number; readonly sha256: string };
  /** An image-dataset node's "classes" (every label must be below it). */
  readonly classes?: number;
}

const SHIPPED = new Set<string>([DEFAULT_CORPUS.sha256, DEFAULT_DIGITS.images.sha256, DEFAULT_DIGITS.labels.sha256]);

/** A graph node as a {@link DataNode}, or undefined when it reads no file. */
export function dataNodeOf(n: GraphNode): DataNode | undefined {
  if (n.type === 'text-corpus') {
    const p = n.params as { dataset?: string; size?: number; sha256?: string; level?: 'char' | 'byte'; vocab?: string };
    return { id: n.id, kind: 'text', dataset: p.dataset ?? DEFAULT_CORPUS.name, size: p.size ?? DEFAULT_CORPUS.size, sha256: p.sha256 ?? DEFAULT_CORPUS.sha256, level: p.level ?? 'char', vocab: p.vocab ?? '' };
  }
  if (n.type === 'image-dataset') {
    const p = n.params as { images?: string; imagesSize?: number; imagesSha256?: string; labels?: string; labelsSize?: number; labelsSha256?: string; classes?: number };
    const { images: d, labels: l } = DEFAULT_DIGITS;
    const labels = { dataset: p.labels ?? l.name, size: p.labelsSize ?? l.size, sha256: p.labelsSha256 ?? l.sha256 };
    return { id: n.id, kind: 'images', dataset: p.images ?? d.name, size: p.imagesSize ?? d.size, sha256: p.imagesSha256 ?? d.sha256, level: 'byte', vocab: '', classes: p.classes ?? 10, ...(labels.sha256 === '' ? {} : { labels }) };
  }
  return undefined;
}

/** The graph's text-corpus and image-dataset nodes. */
export function dataNodes(doc: GraphDoc): DataNode[] {
  return Object.values(doc.nodes).flatMap((n) => dataNodeOf(n) ?? []);
}

/** Where a node's data is (for IDX files, both the images and the labels), given the SHA-256s of the kept datasets. */
export function statusIn(node: DataNode, kept: ReadonlySet<string>): 'shipped' | 'kept' | 'missing' {
  const files = node.labels ? [node.sha256, node.labels.sha256] : [node.sha256];
  if (files.every((sha) => SHIPPED.has(sha))) return 'shipped';
  return missingNames(node, kept).length === 0 ? 'kept' : 'missing';
}

/** The names of a node's files (images, then labels) that are neither shipped nor kept. */
export function missingNames(node: DataNode, kept: ReadonlySet<string>): string[] {
  const files = node.labels ? [node, node.labels] : [node];
  return files.filter((f) => !SHIPPED.has(f.sha256) && !kept.has(f.sha256)).map((f) => f.dataset);
}

/** Where a node's file is: shipped with the app, kept in this browser, or missing. */
export function statusOf(node: DataNode, stored: readonly StoredDataset[]): 'shipped' | 'kept' | 'missing' {
  return statusIn(node, new Set(stored.map((d) => d.sha256)));
}

function differs(node: DataNode, picked: StoredDataset): string[] {
  if (node.sha256 === '' || node.sha256 === picked.sha256 || node.dataset !== picked.name) return [];
  return [`“${picked.name}” differs from the one this graph was made with (SHA-256 ${picked.sha256.slice(0, 12)}…, the graph recorded ${node.sha256.slice(0, 12)}…): node "${node.id}" now uses the picked one.`];
}

/** The params of an image-dataset node for a picked folder (its labels come from the sub-folders). */
export function paramsForPickedFolder(node: DataNode, picked: StoredDataset): { params: Record<string, ParamValue>; notes: string[] } {
  return { params: { images: picked.name, imagesSize: picked.size, imagesSha256: picked.sha256, labels: '', labelsSize: 0, labelsSha256: '' }, notes: differs(node, picked) };
}

/**
 * The params of an image-dataset node for a picked IDX pair (both files by name, size and
 * SHA-256: one edit), with notes: a file named as the graph's but with another hash, and labels
 * the node's "classes" does not cover.
 */
export function paramsForPickedIdx(node: DataNode, picked: AddedIdxDataset): { params: Record<string, ParamValue>; notes: string[] } {
  const { images, labels } = picked;
  const params = { images: images.name, imagesSize: images.size, imagesSha256: images.sha256, labels: labels.name, labelsSize: labels.size, labelsSha256: labels.sha256 };
  const notes = [...differs(node, images), ...(node.labels ? differs({ ...node, ...node.labels }, labels) : [])];
  if (node.classes !== undefined && picked.classes > node.classes) {
    notes.push(`Node "${node.id}": the labels go up to ${picked.classes - 1} but "classes" is ${node.classes}: set "classes" to ${picked.classes} or more (training refuses a label that is not below it).`);
  }
  return { params, notes };
}

/** The node's params for a picked file, and what the user must be told about the change. */
export function paramsForPickedText(node: DataNode, picked: StoredDataset): { params: Record<string, ParamValue>; notes: string[] } {
  const params: Record<string, ParamValue> = { dataset: picked.name, size: picked.size, sha256: picked.sha256 };
  const notes = differs(node, picked);
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
