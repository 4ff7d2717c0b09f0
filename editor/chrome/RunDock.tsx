/**
 * Mounts the run panel (editor/run) under the canvas: it trains a snapshot of the current
 * document in the worker. Data a run hands back (a refined LR schedule) is saved into the node
 * as a machine change, never an undo step.
 */
import { useCallback } from 'react';
import type { JsonValue } from '../../runtime/graph/types.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { saveRunData } from '../model/graphActions.ts';
import { RunPanel } from '../run/index.ts';

/** The run panel wired to the editor store. */
export function RunDock() {
  const { store } = useServices();
  const doc = useEditorState((s) => s.doc);
  const onGraphData = useCallback(
    (nodeId: string, data: Record<string, JsonValue>) => {
      saveRunData(store, nodeId, data);
    },
    [store],
  );
  return (
    <section className="nw-run-dock" data-testid="run-dock" aria-label="Run">
      <RunPanel doc={doc} registry={store.registry} onGraphData={onGraphData} />
    </section>
  );
}
