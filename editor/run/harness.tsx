/**
 * Dev harness for the run panel: loads an example graph and mounts {@link RunPanel}. Served by
 * Vite at `/editor/run/harness.html` (never built into the app); the e2e tests drive it.
 * Query: `graph=<name>` (a file in graphs/, default two-spirals-mlp), `db=<runs db name>`,
 * `heartbeat=<ms timeout>`. It exposes `window.__nwRunHarness` for tests: the session, the
 * document, a way to edit it, and the test seams, which live here rather than in the panel:
 * the panel's engine workers are made by this page (the test-only entry
 * workers/testing/testEngine.worker.ts: the real engine plus `loseDevice` and `slowBackend`), so
 * a test can kill the current worker behind the client's back, lose its WebGPU device, or make
 * one backend slow before Auto times them.
 */
import * as Comlink from 'comlink';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { builtinRegistry } from '../../plugins/index.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import type { GraphDoc, JsonValue } from '../../runtime/graph/types.ts';
import { defaultRunDiagnostics } from './nodeDiagnostics.ts';
import { RunPanel } from './RunPanel.tsx';
import type { RunSession } from './runSession.ts';
import type { TestEngineControl } from '../../workers/testing/testEngine.worker.ts';

const graphFiles = import.meta.glob<string>('../../graphs/*.graph.json', { query: '?raw', import: 'default' });

/** What the harness exposes to tests. */
export interface RunHarnessHandle {
  session?: RunSession;
  getDoc(): GraphDoc;
  setDoc(doc: GraphDoc): void;
  /** Data the panel wrote back into the graph, by node. */
  readonly graphData: Record<string, Record<string, JsonValue>>;
  readonly diagnostics: typeof defaultRunDiagnostics;
  /** Terminates the newest engine worker without telling its client (as the OS killing it would). */
  killWorker(): void;
  /** Destroys the newest engine worker's WebGPU device; false off WebGPU. */
  loseDevice(): Promise<boolean>;
  /** Makes every kernel of `backend` in the newest engine worker `ms` slower; resolves to the kernels wrapped. */
  slowBackend(backend: string, ms: number): Promise<number>;
}

declare global {
  interface Window {
    __nwRunHarness?: RunHarnessHandle;
  }
}

const params = new URLSearchParams(location.search);
const registry = builtinRegistry();

/** The engine workers this page made for the panel, oldest first (the last one is in use). */
const workers: Worker[] = [];
function createWorker(): Worker {
  const worker = new Worker(new URL('../../workers/testing/testEngine.worker.ts', import.meta.url), { type: 'module', name: 'netwright-engine' });
  workers.push(worker);
  return worker;
}

function killWorker(): void {
  workers.at(-1)?.terminate();
}

/** The newest worker's test seams (a comlink proxy of its own, never released: releasing it would detach the engine's API). */
function testControl(): Comlink.Remote<TestEngineControl> | undefined {
  const worker = workers.at(-1);
  return worker ? Comlink.wrap<TestEngineControl>(worker) : undefined;
}

async function loseDevice(): Promise<boolean> {
  return (await testControl()?.loseDevice()) ?? false;
}

async function slowBackend(backend: string, ms: number): Promise<number> {
  return (await testControl()?.slowBackend(backend, ms)) ?? 0;
}

function App({ initial }: { initial: GraphDoc }) {
  const [doc, setDoc] = useState(initial);
  useEffect(() => {
    const handle = window.__nwRunHarness!;
    handle.getDoc = () => doc;
    handle.setDoc = setDoc;
  }, [doc]);
  const timeout = Number(params.get('heartbeat') ?? '');
  return (
    <RunPanel
      doc={doc}
      registry={registry}
      runsDbName={params.get('db') ?? undefined}
      client={{ createWorker, ...(timeout > 0 ? { heartbeatMs: Math.min(500, timeout / 4), heartbeatTimeoutMs: timeout } : {}) }}
      onGraphData={(node, data) => {
        window.__nwRunHarness!.graphData[node] = data;
      }}
      onNodeParams={(id, changed) => {
        setDoc((d) => {
          const node = d.nodes[id];
          return node ? { ...d, nodes: { ...d.nodes, [id]: { ...node, params: { ...node.params, ...changed } } } } : d;
        });
      }}
      onSession={(s) => {
        window.__nwRunHarness!.session = s;
      }}
    />
  );
}

async function main(): Promise<void> {
  const name = params.get('graph') ?? 'two-spirals-mlp';
  const read = graphFiles[`../../graphs/${name}.graph.json`];
  const root = createRoot(document.getElementById('root')!);
  if (!read) {
    root.render(<p role="alert">No graph file graphs/{name}.graph.json</p>);
    return;
  }
  const loaded = loadGraph(await read(), registry);
  if (!loaded.ok) {
    root.render(<p role="alert">{loaded.errors.map((e) => e.message).join('\n')}</p>);
    return;
  }
  window.__nwRunHarness = { getDoc: () => loaded.doc, setDoc: () => undefined, graphData: {}, diagnostics: defaultRunDiagnostics, killWorker, loseDevice, slowBackend };
  root.render(
    <StrictMode>
      <App initial={loaded.doc} />
    </StrictMode>,
  );
}

void main();
