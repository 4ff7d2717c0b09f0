import { describe, expect, it } from 'vitest';
import type { BackendChoice, BackendName, CalibratedChoice, ExecutionPlan } from '../../workers/engineApi.ts';
import { autoBackend } from './autoBackend.ts';
import { CALIBRATION_STORAGE_KEY, createCalibrationMemory, type StorageLike } from './calibrationMemory.ts';
import type { EngineClient } from './engineClient.ts';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const plan = (graphHash: string): ExecutionPlan => ({ graphHash }) as ExecutionPlan;

/** A calibration as the worker returns it: wasm and cpu timed at the given speeds. */
function calibrated(speeds: Partial<Record<BackendName, number>>, fallback = false): CalibratedChoice {
  const timings = Object.entries(speeds).map(([name, sps]) => ({
    name: name as BackendName,
    steps: 10,
    stepsPerSecond: sps,
  }));
  const chosen = [...timings].sort((a, b) => b.stepsPerSecond - a.stepsPerSecond)[0]!.name;
  return {
    chosen,
    timings,
    fallback,
    budgetMs: 2000,
    ms: 900,
    choice: { name: chosen, reason: `Auto: … — chose ${chosen}` },
  };
}

/** An engine client that records calls; `starts` lists the backends `init` can start. */
function fakeEngine(next: () => CalibratedChoice, starts: readonly BackendName[] = ['wasm', 'cpu', 'webgl']) {
  const calls: string[] = [];
  const engine = {
    init: (p: BackendName): Promise<BackendChoice> => {
      calls.push(`init ${p}`);
      return Promise.resolve(
        starts.includes(p)
          ? { name: p, reason: `${p} was requested` }
          : { name: 'wasm', reason: `${p} was requested but did not start; wasm …` },
      );
    },
    calibrate: (p: ExecutionPlan): Promise<CalibratedChoice> => {
      calls.push(`calibrate ${p.graphHash}`);
      return Promise.resolve(next());
    },
  } as unknown as EngineClient;
  return { engine, calls };
}

describe('autoBackend', () => {
  it('calibrates the first run of a graph, then reuses the choice for that graph and device', async () => {
    const storage = memoryStorage();
    const memory = createCalibrationMemory(storage);
    const { engine, calls } = fakeEngine(() => calibrated({ wasm: 40, webgl: 90 }));
    const first = await autoBackend(engine, plan('g1'), {
      memory,
      device: 'dev A',
      current: { name: 'wasm', reason: 'fixed rules' },
    });
    expect(first.backend.name).toBe('webgl');
    expect(first.calibration.remembered).toBe(false);
    expect(calls).toEqual(['calibrate g1']);

    // A new session (a reloaded page) reads the same storage.
    const again = await autoBackend(engine, plan('g1'), {
      memory: createCalibrationMemory(storage),
      device: 'dev A',
      current: { name: 'wasm', reason: 'fixed rules' },
    });
    expect(calls).toEqual(['calibrate g1', 'init webgl']);
    expect(again.backend.name).toBe('webgl');
    expect(again.calibration.remembered).toBe(true);
    expect(again.backend.reason).toMatch(
      /^Auto: … — chose webgl · measured at \d\d:\d\d, remembered for this graph on this device$/,
    );

    // Already on the remembered backend: nothing to start.
    await autoBackend(engine, plan('g1'), { memory, device: 'dev A', current: again.backend });
    expect(calls).toHaveLength(2);
    // Another graph, or the same graph on another device, is calibrated.
    await autoBackend(engine, plan('g2'), { memory, device: 'dev A' });
    await autoBackend(engine, plan('g1'), { memory, device: 'dev B' });
    expect(calls.slice(2)).toEqual(['calibrate g2', 'calibrate g1']);
  });

  it('recalibrates when asked, and when the remembered backend no longer starts', async () => {
    const memory = createCalibrationMemory(memoryStorage());
    let speeds: Partial<Record<BackendName, number>> = { wasm: 40, webgl: 90 };
    const { engine, calls } = fakeEngine(() => calibrated(speeds), ['wasm', 'cpu']);
    await autoBackend(engine, plan('g'), { memory, device: 'd' });
    // webgl is remembered but does not start now: time the backends again.
    speeds = { wasm: 40, cpu: 20 };
    const r = await autoBackend(engine, plan('g'), { memory, device: 'd' });
    expect(calls).toEqual(['calibrate g', 'init webgl', 'calibrate g']);
    expect(r.backend.name).toBe('wasm');
    expect(memory.get('g', 'd')?.calibration.chosen).toBe('wasm');
    speeds = { wasm: 10, cpu: 20 };
    const forced = await autoBackend(engine, plan('g'), {
      memory,
      device: 'd',
      current: r.backend,
      force: true,
    });
    expect(forced.backend.name).toBe('cpu');
    expect(calls.at(-1)).toBe('calibrate g');
  });

  it('does not remember a fallback (nothing was timed), so the next run tries again', async () => {
    const memory = createCalibrationMemory(memoryStorage());
    const { engine, calls } = fakeEngine(() => calibrated({ wasm: 1 }, true));
    await autoBackend(engine, plan('g'), { memory, device: 'd' });
    await autoBackend(engine, plan('g'), { memory, device: 'd' });
    expect(calls).toEqual(['calibrate g', 'calibrate g']);
  });
});

describe('calibrationMemory', () => {
  it('ignores unreadable or foreign data, keeps the newest 32 graphs, and survives a full or missing store', () => {
    const storage = memoryStorage();
    storage.data.set(CALIBRATION_STORAGE_KEY, '{not json');
    const memory = createCalibrationMemory(storage);
    expect(memory.get('g', 'd')).toBeUndefined();
    storage.data.set(
      CALIBRATION_STORAGE_KEY,
      JSON.stringify([
        {
          graphHash: 'g',
          device: 'd',
          at: 1,
          calibration: { chosen: 'tpu', timings: [], choice: { name: 'tpu', reason: '' } },
        },
      ]),
    );
    expect(memory.get('g', 'd')).toBeUndefined();
    for (let i = 0; i < 40; i++)
      memory.put({ graphHash: `g${i}`, device: 'd', at: i, calibration: calibrated({ wasm: i + 1 }) });
    expect(memory.get('g39', 'd')?.at).toBe(39);
    expect(memory.get('g8', 'd')?.at).toBe(8);
    expect(memory.get('g7', 'd')).toBeUndefined();
    const full = createCalibrationMemory({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => {
      full.put({ graphHash: 'g', device: 'd', at: 0, calibration: calibrated({ wasm: 1 }) });
    }).not.toThrow();
    expect(createCalibrationMemory(undefined).get('g', 'd')).toBeUndefined();
  });
});
