/**
 * The run dock under the canvas: a "Training" bar (beside the run controls) that expands the run
 * panel (editor/run), which trains a snapshot of the current document in the worker. Collapsed by default so the canvas
 * keeps its room; once opened the panel stays mounted (collapsing only hides it), so a run and
 * its worker survive the dock being folded. Data a run hands back (a refined LR schedule) is
 * saved into the node as a machine change, never an undo step. While a run trains, an edit to
 * the graph, the seed or the steps offers "Restart with this change" among the run controls.
 */
import { useCallback, useState } from 'react';
import type { JsonValue } from '../../runtime/graph/types.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState, useUiState } from '../hooks/useStoreSelector.ts';
import { saveRunData, setNodeParams } from '../model/graphActions.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { RunPanel } from '../run/index.ts';

/** The run panel wired to the editor store. */
export function RunDock() {
  const { store, ui, plugins } = useServices();
  useEditorState((s) => s.registryVersion);
  const open = useUiState((s) => s.runOpen);
  const runRequest = useUiState((s) => s.runRequest);
  const [mounted, setMounted] = useState(open);
  // The run controls live in the dock's bar, so Run, Pause and Stop stay in view when it is folded.
  const [controlsHost, setControlsHost] = useState<HTMLElement | null>(null);
  if ((open || runRequest > 0) && !mounted) setMounted(true);
  const doc = useEditorState((s) => s.doc);
  const inference = useEditorState((s) => s.inference);
  const onGraphData = useCallback(
    (nodeId: string, data: Record<string, JsonValue>) => {
      saveRunData(store, nodeId, data);
    },
    [store],
  );
  const onNodeParams = useCallback(
    (nodeId: string, params: Readonly<Record<string, ParamValue>>) => {
      setNodeParams(store, nodeId, params);
    },
    [store],
  );
  const toggle = (): void => {
    if (!open) setMounted(true);
    ui.update({ runOpen: !open });
  };
  return (
    <section className={`nw-run-dock${open ? '' : ' nw-collapsed'}`} data-testid="run-dock" aria-label="Run">
      <header>
        <button type="button" onClick={toggle} aria-expanded={open} data-testid="run-dock-toggle">
          {open ? '▾' : '▸'} Training
        </button>
        <div className="nw-run-dock-controls" ref={setControlsHost}>
          {mounted ? null : (
            // Until the panel is mounted (it starts the engine), Run opens it and asks for a run.
            <button type="button" data-testid="run-start" title="Ctrl+Enter" onClick={() => { ui.update({ runOpen: true, runRequest: ui.getState().runRequest + 1 }); }}>
              ▶ Run
            </button>
          )}
        </div>
      </header>
      {mounted ? (
        <div hidden={!open}>
          <RunPanel doc={doc} registry={store.registry} inference={inference} onGraphData={onGraphData} onNodeParams={onNodeParams} plugins={plugins.workerModules} controlsHost={controlsHost} runRequest={runRequest} />
        </div>
      ) : null}
    </section>
  );
}
