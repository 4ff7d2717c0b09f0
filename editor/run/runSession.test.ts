import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import graphText from '../../graphs/two-spirals-mlp.graph.json?raw';
import { builtinRegistry } from '../../plugins/index.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { BackendPreference, CalibratedChoice, EngineWorkerApi, ProgressSink, TrainResult, WorkerTrainOptions } from '../../workers/engineApi.ts';
import { createCalibrationMemory, type CalibrationMemory } from './calibrationMemory.ts';
import { createRunDiagnosticsStore } from './nodeDiagnostics.ts';
import { createRunSession, type RunSession } from './runSession.ts';
import { openRunsStore, type RunsStore } from './runsStore.ts';

const registry = builtinRegistry();
const loaded = loadGraph(graphText, registry);
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
const doc: GraphDoc = loaded.doc;

type Stub = Partial<Record<keyof EngineWorkerApi, (...args: never[]) => unknown>>;

/** A session whose engine worker is a comlink stub on a MessageChannel. */
function session(stub: Stub, runs?: RunsStore, calibrations?: CalibrationMemory): { s: RunSession; diagnostics: ReturnType<typeof createRunDiagnosticsStore>; graphData: [string, unknown][] } {
  const diagnostics = createRunDiagnosticsStore();
  const graphData: [string, unknown][] = [];
  const s = createRunSession({
    ...(runs ? { runs } : {}),
    ...(calibrations ? { calibrations } : {}),
    diagnostics,
    onGraphData: (node, data) => graphData.push([node, data]),
    client: {
      createWorker: () => {
        const channel = new MessageChannel();
        Comlink.expose({ ping: () => 1, init: () => ({ ok: true, value: { name: 'cpu', reason: 'stub' } }), load: (plan: { graphHash: string }) => ({ ok: true, value: { graphHash: plan.graphHash, paramCount: 1 } }), exportWeights: () => ({ ok: true, value: new ArrayBuffer(8) }), ...stub }, channel.port2);
        const w = Object.assign(new EventTarget(), {
          postMessage: (m: unknown, t?: Transferable[]) => {
            channel.port1.postMessage(m, t ?? []);
          },
          terminate: () => {
            channel.port1.close();
          },
        });
        const add = w.addEventListener.bind(w);
        w.addEventListener = (type: string, l: EventListenerOrEventListenerObject | null) => {
          if (type === 'message') channel.port1.addEventListener('message', l as never);
          else add(type, l);
        };
        channel.port1.start();
        return w as unknown as Worker;
      },
    },
  });
  return { s, diagnostics, graphData };
}

const sessions: RunSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function result(steps: number, savedData: TrainResult['savedData'] = {}): TrainResult {
  return { steps, seconds: 0.1, stopped: false, metrics: { loss: 0.1 }, history: { gradNorms: [1] }, savedData, settings: { steps, batchSize: 4, seed: 3, evalEvery: 0 } };
}

describe('run session', () => {
  it('records a run from progress batches, stores it with weights, and writes saved data back', async () => {
    const store = await openRunsStore(`session-test-${Math.random()}`);
    const { s, graphData, diagnostics } = session({
      // On the worker side the sink is a comlink proxy: calls return promises.
      train: async (_o: WorkerTrainOptions, sink: Comlink.Remote<ProgressSink>) => {
        await sink([{ event: 'start', totalSteps: 2, batchSize: 4, seed: 3, backend: 'cpu' }]);
        await sink([1, 2].map((step) => ({ event: 'step', step, totalSteps: 2, loss: 1 / step, metrics: {}, lr: 0.1, gradNorm: 1, stepsPerSecond: 10, etaSeconds: 0, diagnostics: { h1: { deadRate: step / 10 } } })));
        await sink([{ event: 'done', metrics: { loss: 0.4 }, steps: 2, seconds: 0.2, backend: 'cpu', stopped: false }]);
        return { ok: true, value: result(2, { sched: { refined: [1, 2] } }) };
      },
    }, store);
    sessions.push(s);
    await s.run({ doc, registry });
    expect(s.getState().phase).toBe('done');
    expect(s.getState().run?.step).toBe(2);
    expect(diagnostics.get('h1')?.values.deadRate).toBeCloseTo(0.2);
    expect(graphData).toEqual([['sched', { refined: [1, 2] }]]);
    const [record] = await store.list();
    expect(record).toMatchObject({ status: 'done', seed: 3, steps: 2, hasWeights: true, graphHash: s.getState().loadedGraphHash });
    expect(s.getState().runs.map((r) => r.id)).toEqual([record!.id]);
    // The list is patched in memory, not read back: it must equal what is stored.
    expect(s.getState().runs).toEqual(await store.list());
    expect((await store.getWeights(record!.id))?.byteLength).toBe(8);
    await s.deleteRun(record!.id);
    expect(s.getState().runs).toEqual([]);
    expect(await store.list()).toEqual([]);
    store.close();
  });

  it('fails the run on a lowering error, marks the node and leaves the graph alone', async () => {
    const before = structuredClone(doc);
    const { s, diagnostics } = session({
      train: () => ({ ok: false, error: { code: 'ENGINE_NODE_FAILED', message: 'node "h2" (dense) failed: boom', node: 'h2' } }),
    });
    sessions.push(s);
    await s.run({ doc, registry });
    const st = s.getState();
    expect(st.phase).toBe('failed');
    expect(st.fault).toMatchObject({ code: 'ENGINE_NODE_FAILED', node: 'h2', step: 1 });
    expect(diagnostics.get('h2')?.fault?.message).toMatch(/boom/);
    expect(doc).toEqual(before);
  });

  it('keeps the step a failure names (the trainer puts it on the error)', async () => {
    const { s } = session({
      train: () => ({ ok: false, error: { code: 'TRAIN_NONFINITE', message: 'loss became NaN at step 7', node: 'h2', step: 7 } }),
    });
    sessions.push(s);
    await s.run({ doc, registry });
    expect(s.getState().fault).toEqual({ code: 'TRAIN_NONFINITE', message: 'loss became NaN at step 7', node: 'h2', step: 7 });
  });

  it('reports a graph that does not compile on the node it names, without starting a run', async () => {
    let trained = false;
    const { s, diagnostics } = session({
      train: () => {
        trained = true;
        return { ok: true, value: result(1) };
      },
    });
    sessions.push(s);
    const broken: GraphDoc = { ...doc, edges: Object.fromEntries(Object.entries(doc.edges).filter(([, e]) => !(e.to.node === 'h2' && e.to.port === 'x'))) };
    await s.run({ doc: broken, registry });
    expect(s.getState().phase).toBe('failed');
    expect(s.getState().fault?.message).toMatch(/does not compile/);
    expect(trained).toBe(false);
    expect(diagnostics.nodes().length).toBeGreaterThan(0);
  });

  it('with Auto, times the backends before the first run of a graph and reuses the choice after; a forced backend is never timed', async () => {
    const calls: string[] = [];
    const data = new Map<string, string>();
    const calibrations = createCalibrationMemory({ getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) });
    const calibratedChoice: CalibratedChoice = {
      chosen: 'cpu',
      timings: [
        { name: 'wasm', steps: 10, stepsPerSecond: 20 },
        { name: 'cpu', steps: 10, stepsPerSecond: 50 },
      ],
      fallback: false,
      budgetMs: 2000,
      ms: 700,
      choice: { name: 'cpu', reason: 'Auto: cpu 50 steps/s · wasm 20 — chose cpu' },
    };
    const { s } = session(
      {
        init: (p: BackendPreference) => {
          calls.push(`init ${p}`);
          return { ok: true, value: { name: p === 'auto' ? 'wasm' : p, reason: 'stub' } };
        },
        deviceKey: () => {
          calls.push('deviceKey');
          return { ok: true, value: 'test device' };
        },
        calibrate: () => {
          calls.push('calibrate');
          return { ok: true, value: calibratedChoice };
        },
        load: (plan: { graphHash: string }) => {
          calls.push('load');
          return { ok: true, value: { graphHash: plan.graphHash, paramCount: 1 } };
        },
        train: () => ({ ok: true, value: result(1) }),
      },
      undefined,
      calibrations,
    );
    sessions.push(s);
    await s.run({ doc, registry });
    expect(calls).toEqual(['init auto', 'deviceKey', 'calibrate', 'load']);
    expect(s.getState().backend).toEqual(calibratedChoice.choice);
    expect(s.getState().calibration).toMatchObject({ remembered: false, device: 'test device', calibration: { chosen: 'cpu' } });
    expect(s.getState().calibrating).toBe(false);
    await s.run({ doc, registry });
    // Remembered: the engine is already on cpu, so nothing is timed or started.
    expect(calls.slice(4)).toEqual(['load']);
    expect(s.getState().calibration?.remembered).toBe(true);
    expect(s.getState().backend?.reason).toMatch(/^Auto: cpu 50 steps\/s · wasm 20 — chose cpu · measured at .*, remembered for this graph on this device$/);
    await s.recalibrate({ doc, registry });
    expect(calls.slice(5)).toEqual(['calibrate']);
    await s.setPreference('wasm');
    await s.run({ doc, registry });
    expect(calls.slice(6)).toEqual(['init wasm', 'load']);
  });
});
