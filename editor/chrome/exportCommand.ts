/** The toolbar's Export → PyTorch: the zip of editor/io/exportTorch.ts, or a notice naming the node that stops it. */
import type { EditorServices } from '../hooks/EditorContext.ts';
import { downloadBytes, torchZip } from '../io/exportTorch.ts';

/** Exports the open graph to PyTorch as a downloaded zip; refusals and failures become error notices. */
export async function exportToTorch({ store }: EditorServices): Promise<void> {
  try {
    const zip = await torchZip(store.getState().doc, store.registry);
    if (!zip.ok) {
      store.notify('error', zip.message);
      return;
    }
    downloadBytes(zip.name, zip.bytes);
    store.notify('info', `Exported ${zip.name}: model.py, train.py, netwright_torch.py, weights.json, README.md`);
  } catch (e) {
    store.notify('error', `Export → PyTorch failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
