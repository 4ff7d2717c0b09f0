import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../runtime/graph/types.ts';
import { DEFAULT_DIGITS } from '../../plugins/image-dataset/spec.ts';
import type { AddedDataset, AddedIdxDataset } from '../../workers/engineApi.ts';
import { dataNodeOf, missingNames, paramsForPickedIdx, statusIn, type DataNode } from './dataStatus.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const imageNode = (params: Record<string, unknown>): DataNode => dataNodeOf({ id: 'data', type: 'image-dataset', params, position: { x: 0, y: 0 } } as unknown as GraphNode)!;
const added = (name: string, sha256: string): AddedDataset => ({ name, size: 10, sha256, vocab: '', addedAt: 0, stored: true });
const pair = (classes: number): AddedIdxDataset => ({ images: added('i.idx', A), labels: added('l.idx', B), summary: '', classes });

describe('an image-dataset node on IDX files', () => {
  it('is shipped with both default files, kept only when both its files are kept', () => {
    expect(statusIn(imageNode({}), new Set())).toBe('shipped');
    const own = imageNode({ imagesSha256: A, labelsSha256: B });
    expect(statusIn(own, new Set([A]))).toBe('missing');
    expect(statusIn(own, new Set([A, B]))).toBe('kept');
    expect(missingNames(own, new Set([A]))).toEqual([DEFAULT_DIGITS.labels.name]);
    expect(missingNames(own, new Set())).toEqual([DEFAULT_DIGITS.images.name, DEFAULT_DIGITS.labels.name]);
    // Own images with the shipped labels: kept once the images are.
    expect(statusIn(imageNode({ imagesSha256: A }), new Set([A]))).toBe('kept');
    // A folder names no labels file.
    expect(statusIn(imageNode({ imagesSha256: A, labels: '', labelsSize: 0, labelsSha256: '' }), new Set([A]))).toBe('kept');
  });

  it('gets both files in one params edit, and a note when its classes do not cover the labels', () => {
    const { params, notes } = paramsForPickedIdx(imageNode({ classes: 10 }), pair(10));
    expect(params).toEqual({ images: 'i.idx', imagesSize: 10, imagesSha256: A, labels: 'l.idx', labelsSize: 10, labelsSha256: B });
    expect(notes).toEqual([]);
    expect(paramsForPickedIdx(imageNode({ classes: 3 }), pair(10)).notes).toEqual(['Node "data": the labels go up to 9 but "classes" is 3: set "classes" to 10 or more (training refuses a label that is not below it).']);
  });

  it('flags a labels file named as the graph\'s but with another SHA-256', () => {
    const node = imageNode({ labels: 'l.idx', labelsSha256: DEFAULT_DIGITS.labels.sha256 });
    expect(paramsForPickedIdx(node, pair(10)).notes.join(' ')).toContain('“l.idx” differs from the one this graph was made with');
  });
});
