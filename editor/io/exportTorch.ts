/**
 * Export → PyTorch: the graph as the project `netwright export torch` writes (the shared
 * runtime/torchExport: model.py, train.py, netwright_torch.py, README.md) plus weights.json,
 * zipped and downloaded. The weights are those of the newest finished or stopped run of this
 * graph that kept its weights (the runs database), else the seeded initialisation a run starts
 * from, made by a short-lived engine worker, so the exported run starts where Netwright's does.
 */
import { strToU8, zipSync } from 'fflate';
import support from '../../runtime/torchExport/netwright_torch.py?raw';
import { exportTorch } from '../../runtime/torchExport/exportTorch.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import { compilePlan } from '../run/compilePlan.ts';
import { createEngineClient } from '../run/engineClient.ts';
import { openRunsStore, type RunsStore } from '../run/runsStore.ts';
import { packedToJson } from './packedWeights.ts';

/** A zip's name and bytes, or the message naming what stops the export. */
export type TorchZip = { readonly ok: true; readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly ok: false; readonly message: string };

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'graph';
}

/** The seeded initial weights of `plan` from a fresh engine worker (cpu backend), as JSON text. */
async function initialWeights(plan: Parameters<typeof exportTorch>[0]): Promise<string> {
  const engine = createEngineClient();
  try {
    await engine.init('cpu');
    await engine.load(plan);
    return `${JSON.stringify(packedToJson(new Uint8Array(await engine.exportWeights())))}\n`;
  } finally {
    engine.terminate();
  }
}

/** The newest run of the graph with stored weights, as JSON text, when the runs database has one. */
async function trainedWeights(graphHash: string): Promise<{ readonly text: string; readonly steps: number } | undefined> {
  let runs: RunsStore | undefined;
  try {
    runs = await openRunsStore();
    const run = (await runs.list(graphHash)).find((r) => r.hasWeights && (r.status === 'done' || r.status === 'stopped'));
    const bytes = run ? await runs.getWeights(run.id) : undefined;
    if (!run || !bytes) return undefined;
    return { text: `${JSON.stringify(packedToJson(new Uint8Array(bytes)))}\n`, steps: run.steps };
  } catch {
    return undefined; // no IndexedDB here (private mode): the seeded initialisation is exported
  } finally {
    runs?.close();
  }
}

/**
 * Builds the PyTorch project of `doc` as a zip. Refuses a graph that does not compile or has a
 * node without an emitter (or a placeholder), with a message naming the node.
 */
export async function torchZip(doc: GraphDoc, registry: Registry): Promise<TorchZip> {
  const title = typeof doc.meta.title === 'string' && doc.meta.title !== '' ? doc.meta.title : 'Untitled graph';
  const compiled = compilePlan({ doc, registry });
  if (!compiled.ok) {
    const first = compiled.errors[0];
    const where = first?.node !== undefined ? `node "${first.node}": ` : '';
    return { ok: false, message: `Export → PyTorch: ${where}${first?.message ?? 'the graph does not compile'}` };
  }
  const name = slug(title);
  const trained = await trainedWeights(compiled.plan.graphHash);
  let files: Record<string, string>;
  try {
    files = exportTorch(compiled.plan, registry, {
      title,
      graphFile: `${name}.graph.json`,
      support,
      weightsFrom: trained
        ? `the weights of the editor's latest run of this graph (${trained.steps} steps)`
        : "the graph's seeded initial weights (as a run in the editor or `netwright train` starts from)",
    });
  } catch (e) {
    return { ok: false, message: `Export → PyTorch: ${e instanceof Error ? e.message : String(e)}` };
  }
  files['weights.json'] = trained?.text ?? (await initialWeights(compiled.plan));
  const entries = Object.fromEntries(Object.entries(files).map(([f, text]) => [`${name}-torch/${f}`, strToU8(text)]));
  return { ok: true, name: `${name}-torch.zip`, bytes: new Uint8Array(zipSync(entries)) };
}

/** Downloads bytes as a file. */
export function downloadBytes(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); }, 1000);
}
