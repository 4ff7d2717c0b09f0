/**
 * The run panel: backend choice, run controls, progress, live charts, per-node diagnostics,
 * predictions, and the stored runs (compare, export, import weights). Training happens in the
 * engine worker; this panel never changes the graph except through `onGraphData`.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { graphHash } from '../../runtime/compile/compile.ts';
import type { GraphDoc, JsonValue } from '../../runtime/graph/types.ts';
import type { GraphInference } from '../../runtime/infer/inferGraph.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import type { RunGraph } from './compilePlan.ts';
import type { BackendPreference, WorkerPluginModule } from '../../workers/engineApi.ts';
import type { EngineClientOptions } from './engineClient.ts';
import { DecisionBoundary } from './DecisionBoundary.tsx';
import { warmUpCharts } from './LiveChart.tsx';
import { TryIt } from '../tryIt/TryIt.tsx';
import { DataFiles } from '../data/DataFiles.tsx';
import { FileChooserButton } from '../chrome/FileChooserButton.tsx';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import type { RunDiagnosticsStore } from './nodeDiagnostics.ts';
import { RunCharts } from './RunCharts.tsx';
import { RunControls } from './RunControls.tsx';
import { RunDiagnosticsTable } from './RunDiagnosticsTable.tsx';
import { RunProgress } from './RunProgress.tsx';
import { RunProfile } from './RunProfile.tsx';
import type { LiveRun } from './liveRun.ts';
import { createRunSession, type RunOverrides, type RunPhase, type RunSession, type RunSessionState } from './runSession.ts';
import { RunsList } from './RunsList.tsx';
import { openRunsStore, RUNS_DB_NAME, type RunRecord, type RunsStore } from './runsStore.ts';
import { useRunSessionSelector } from './useRunSession.ts';
import './runPanel.css';

/** Props of {@link RunPanel}. */
export interface RunPanelProps {
  /** The graph in the editor (read only; a run trains a snapshot of it). */
  readonly doc: GraphDoc;
  readonly registry: Registry;
  /** The editor's inference of `doc` against `registry`, so a run start need not infer again. */
  readonly inference?: GraphInference;
  /** Saves plugin data a run produced (e.g. a refined LR schedule) into the graph, as a machine change. */
  readonly onGraphData?: (nodeId: string, data: Record<string, JsonValue>) => void;
  /** Sets params of a node (the Data section names a picked file on its text-corpus node); without it files can be kept but not applied. */
  readonly onNodeParams?: (nodeId: string, params: Readonly<Record<string, ParamValue>>) => void;
  /** Where per-node live diagnostics go (default: the store `useNodeRunDiagnostics` reads). */
  readonly diagnostics?: RunDiagnosticsStore;
  /** Engine client options (heartbeat timings, worker factory). */
  readonly client?: Omit<EngineClientOptions, 'onCrash' | 'onDeviceLost'>;
  /** Runs database name (tests use a fresh one). */
  readonly runsDbName?: string;
  /** The installed third-party plugin modules (their lowerings are loaded into the worker). */
  readonly plugins?: () => readonly WorkerPluginModule[];
  /** Receives the panel's session (for test hooks and tooling). */
  readonly onSession?: (session: RunSession | undefined) => void;
  /** Where the control row (backend, Run, Pause, Stop) is drawn instead of the panel's top: a bar that stays visible. */
  readonly controlsHost?: HTMLElement | null;
  /** Bumped to press Run from outside (see `RunControls`' `runRequest`). */
  readonly runRequest?: number;
}

function download(bytes: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

const selectPhase = (s: RunSessionState): RunPhase => s.phase;
const selectPreference = (s: RunSessionState): BackendPreference => s.preference;
const selectCalibrating = (s: RunSessionState): boolean => s.calibrating ?? false;
const selectProfiling = (s: RunSessionState): boolean => s.profiling ?? false;
const selectRun = (s: RunSessionState): LiveRun | undefined => s.run;
const selectLoadedHash = (s: RunSessionState): string | undefined => s.loadedGraphHash;
const selectRuns = (s: RunSessionState): readonly RunRecord[] => s.runs;
const selectEvalCount = (s: RunSessionState): number => s.run?.curves['eval:loss']?.count ?? 0;

/**
 * The panel's layout. It subscribes only to what changes between runs (phase, the run, stored
 * runs); the live numbers re-render just `RunProgress`, `RunCharts` and the diagnostics table,
 * which subscribe on their own, so a progress batch does not re-render the controls or the runs.
 */
function RunPanelBody({ session, graph: current, controlsHost, runRequest, onNodeParams }: { session: RunSession; graph: RunGraph; controlsHost: HTMLElement | null | undefined; runRequest: number | undefined; onNodeParams: RunPanelProps['onNodeParams'] }) {
  const phase = useRunSessionSelector(session, selectPhase);
  const preference = useRunSessionSelector(session, selectPreference);
  const calibrating = useRunSessionSelector(session, selectCalibrating);
  const profiling = useRunSessionSelector(session, selectProfiling);
  const run = useRunSessionSelector(session, selectRun);
  const loadedGraphHash = useRunSessionSelector(session, selectLoadedHash);
  const runs = useRunSessionSelector(session, selectRuns);
  const evalCount = useRunSessionSelector(session, selectEvalCount);
  // The graph is read when a run starts; the callbacks stay the same while it is edited.
  const graph = useRef(current);
  useLayoutEffect(() => {
    graph.current = current;
  }, [current]);
  const exportRun = useCallback(
    (record: RunRecord): void => {
      void session.runWeights(record.id).then((bytes) => {
        if (bytes) download(bytes, `${record.title.replace(/[^\w-]+/g, '-')}-${record.id}.weights.bin`);
      });
    },
    [session],
  );
  const deleteRun = useCallback(
    (record: RunRecord): void => {
      void session.deleteRun(record.id);
    },
    [session],
  );
  const controls = useMemo(
    () => ({
      onPreference: (p: BackendPreference): void => {
        void session.setPreference(p);
      },
      onRecalibrate: (): void => {
        void session.recalibrate(graph.current);
      },
      onRun: (o: RunOverrides): void => {
        void session.run(graph.current, o);
      },
      onPause: (): void => {
        void session.pause();
      },
      onResume: (): void => {
        void session.resume();
      },
      onStop: (): void => {
        void session.stop();
      },
    }),
    [session],
  );
  // The graph in the editor, as runs name it: the table lists its runs first.
  const editorGraphHash = useMemo(() => (current.inference ? graphHash(current.doc, current.registry, current.inference) : undefined), [current]);
  // Tweak and watch: an edit that changes what the running graph computes offers a restart.
  const graphChanged = (phase === 'running' || phase === 'paused') && run !== undefined && editorGraphHash !== undefined && run.graphHash !== editorGraphHash;
  const controlBar = <RunControls phase={phase} preference={preference} calibrating={calibrating} profiling={profiling} runRequest={runRequest} graphChanged={graphChanged} {...controls} />;
  const importFile = (file: File): void => {
    void file.arrayBuffer().then((bytes) => session.importWeights(graph.current, bytes));
  };
  return (
    <section className="nw-run-panel" aria-label="Training" data-testid="run-panel">
      {controlsHost ? createPortal(controlBar, controlsHost) : controlBar}
      <DataFiles session={session} doc={current.doc} {...(onNodeParams ? { onNodeParams } : {})} />
      <RunProgress session={session} />
      <RunProfile session={session} />
      {run ? (
        <RunCharts session={session} run={run} />
      ) : (
        // Holds the charts' room before the first run, so starting one does not resize the
        // dock (and with it the canvas, whose re-layout would land in the run's first frames).
        <div className="nw-run-charts nw-run-charts-empty" data-testid="run-charts-empty">
          The loss and metric charts appear here while a run trains.
        </div>
      )}
      <div className="nw-run-lower">
        <DecisionBoundary session={session} loadedGraphHash={loadedGraphHash} phase={phase} evalCount={evalCount} />
        {run && <RunDiagnosticsTable session={session} />}
      </div>
      <TryIt session={session} loadedGraphHash={loadedGraphHash} phase={phase} />
      <h3 className="nw-run-heading">
        Runs{' '}
        <FileChooserButton label="Load weights…" title="Load a weight file into this graph" accept=".bin,application/octet-stream" testId="runs-import" inputTestId="runs-import-file" onFile={importFile} />
      </h3>
      <RunsList runs={runs} currentGraphHash={editorGraphHash ?? loadedGraphHash} session={session} onExport={exportRun} onDelete={deleteRun} />
    </section>
  );
}

/** The training panel. Mount it once; it starts its engine worker lazily and stops it on unmount. */
export function RunPanel({ doc, registry, inference, onGraphData, onNodeParams, diagnostics, client, plugins, runsDbName = RUNS_DB_NAME, onSession, controlsHost, runRequest }: RunPanelProps) {
  const graph = useMemo((): RunGraph => ({ doc, registry, ...(inference ? { inference } : {}) }), [doc, registry, inference]);
  const [session, setSession] = useState<RunSession>();
  // The first chart of a page runs cold code: pay for it while nothing trains.
  useEffect(() => warmUpCharts(), []);
  // Callbacks may change identity on every render; the session reads the latest one.
  const graphData = useRef(onGraphData);
  const pluginModules = useRef(plugins);
  useEffect(() => {
    graphData.current = onGraphData;
    pluginModules.current = plugins;
  }, [onGraphData, plugins]);
  const settings = useRef({ diagnostics, client, onSession });
  useEffect(() => {
    let runs: RunsStore | undefined;
    let made: RunSession | undefined;
    let cancelled = false;
    const { diagnostics: diag, client: clientOptions, onSession: report } = settings.current;
    void (async () => {
      try {
        runs = await openRunsStore(runsDbName);
        await runs.failInterrupted('the page was closed or reloaded during the run');
      } catch {
        runs = undefined; // Private mode or a blocked database: runs are not kept, training still works.
      }
      if (cancelled) {
        runs?.close();
        return;
      }
      made = createRunSession({
        ...(runs ? { runs } : {}),
        ...(diag ? { diagnostics: diag } : {}),
        ...(clientOptions ? { client: clientOptions } : {}),
        onGraphData: (node, data) => graphData.current?.(node, data),
        plugins: () => pluginModules.current?.() ?? [],
      });
      setSession(made);
      report?.(made);
      await made.refreshRuns();
      await made.startEngine();
    })();
    return () => {
      cancelled = true;
      made?.dispose();
      runs?.close();
      report?.(undefined);
      setSession(undefined);
    };
  }, [runsDbName]);
  if (!session) return <section className="nw-run-panel" data-testid="run-panel-loading" aria-busy="true" />;
  return <RunPanelBody session={session} graph={graph} controlsHost={controlsHost} runRequest={runRequest} onNodeParams={onNodeParams} />;
}
