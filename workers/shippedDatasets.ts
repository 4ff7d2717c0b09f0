/**
 * The datasets shipped in datasets/, fetched into the worker's dataset shelf when a plan's data
 * node names one of them (by its SHA-256), so the examples on them train in the browser with no
 * file to pick. The bytes are hashed again here: a served file that differs is refused.
 */
import digitsImagesUrl from '../datasets/digits8x8-images.idx3-ubyte?url';
import digitsLabelsUrl from '../datasets/digits8x8-labels.idx1-ubyte?url';
import tinyShakespeareUrl from '../datasets/tinyshakespeare.txt?url';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { datasetShelf, type DatasetRef } from '../plugins/_shared/datasetShelf.ts';
import { DEFAULT_DIGITS } from '../plugins/image-dataset/spec.ts';
import { DEFAULT_CORPUS } from '../plugins/text-corpus/spec.ts';

const SHIPPED: ReadonlyMap<string, { readonly ref: DatasetRef; readonly url: string }> = new Map(
  [
    { ref: DEFAULT_CORPUS, url: tinyShakespeareUrl },
    { ref: DEFAULT_DIGITS.images, url: digitsImagesUrl },
    { ref: DEFAULT_DIGITS.labels, url: digitsLabelsUrl },
  ].map((d) => [d.ref.sha256, d]),
);

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Puts every shipped dataset the plan's nodes name (by SHA-256) on the shelf, once. */
export async function shelveShippedData(plan: ExecutionPlan): Promise<void> {
  for (const step of plan.steps) {
    for (const value of Object.values(step.params)) {
      const shipped = typeof value === 'string' ? SHIPPED.get(value) : undefined;
      if (!shipped || datasetShelf.get(shipped.ref.sha256)) continue;
      const response = await fetch(shipped.url);
      if (!response.ok) throw new Error(`node "${step.node}": the shipped dataset "${shipped.ref.name}" could not be loaded (HTTP ${response.status})`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const sha256 = await sha256Hex(bytes);
      if (sha256 !== shipped.ref.sha256) throw new Error(`node "${step.node}": the served "${shipped.ref.name}" has SHA-256 ${sha256.slice(0, 12)}…, not the ${shipped.ref.sha256.slice(0, 12)}… the graph names`);
      datasetShelf.put({ ...shipped.ref, size: bytes.length, bytes });
    }
  }
}
