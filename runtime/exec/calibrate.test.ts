import { describe, expect, it } from 'vitest';
import type { BackendName } from './backends.ts';
import {
  calibrationCandidates,
  describeCalibration,
  fastestTiming,
  timeBackends,
  type BackendTiming,
  type CalibrationCandidate,
  type CalibrationProbe,
} from './calibrate.ts';

/** A backend of the fake probe: how long its first step and each later step take (ms). */
interface FakeBackend {
  readonly firstMs: number;
  readonly stepMs: number;
  /** The second step, when it still settles (GPU backends after their shader compilation). */
  readonly secondMs?: number;
  /** Every other step takes this long instead (a loaded machine preempting the thread). */
  readonly preemptedMs?: number;
  readonly fails?: string;
  readonly throws?: string;
}

/**
 * A probe over a fake clock: each step advances the clock by the backend's step time, and a
 * run costs 5 ms of set-up and 5 ms of evaluation around its steps, as real runs do.
 */
function fakeProbe(backends: Partial<Record<BackendName, FakeBackend>>) {
  let clock = 0;
  const started: BackendName[] = [];
  const stepsRun: Partial<Record<BackendName, number>> = {};
  let active: BackendName | undefined;
  const probe: CalibrationProbe = {
    start: (name) => {
      const b = backends[name];
      if (!b || b.fails) return Promise.resolve(`did not start (${b?.fails ?? 'absent'})`);
      started.push(name);
      active = name;
      return Promise.resolve(undefined);
    },
    steps: (onStep) => {
      const b = backends[active!]!;
      if (b.throws) return Promise.reject(new Error(b.throws));
      clock += 5;
      for (let i = 0; i < 1000; i++) {
        clock +=
          i === 0
            ? b.firstMs
            : i === 1
              ? (b.secondMs ?? b.stepMs)
              : i % 2 === 0 && b.preemptedMs
                ? b.preemptedMs
                : b.stepMs;
        stepsRun[active!] = i + 1;
        if (!onStep()) break;
      }
      clock += 5;
      return Promise.resolve();
    },
  };
  return { probe, now: () => clock, started, stepsRun };
}

const names = (c: readonly CalibrationCandidate[]): string[] =>
  c.map((x) => (x.skip ? `${x.name} (skip)` : x.name));

describe('timeBackends', () => {
  it('times each backend without its first step and picks the fastest', async () => {
    const f = fakeProbe({
      wasm: { firstMs: 30, stepMs: 4 },
      cpu: { firstMs: 20, stepMs: 10 },
      webgl: { firstMs: 400, stepMs: 20 },
    });
    const timings = await timeBackends([{ name: 'wasm' }, { name: 'cpu' }, { name: 'webgl' }], f.probe, {
      now: f.now,
    });
    expect(timings.map((t) => [t.name, t.stepsPerSecond])).toEqual([
      ['wasm', 250],
      ['cpu', 100],
      ['webgl', 50],
    ]);
    // The first step counts from the start of the run: set-up and shader compilation included.
    expect(timings[2]!.firstStepMs).toBe(405);
    expect(fastestTiming(timings)?.name).toBe('wasm');
  });

  it('rates the later half of the steps, after the ones that still settle', async () => {
    const f = fakeProbe({ webgl: { firstMs: 1500, secondMs: 200, stepMs: 25 } });
    const [webgl] = await timeBackends([{ name: 'webgl' }], f.probe, { now: f.now });
    expect(webgl!.stepsPerSecond).toBeCloseTo(40);
  });

  it('picks the other backend when the usual winner is forced slow', async () => {
    const f = fakeProbe({ wasm: { firstMs: 30, stepMs: 25 }, cpu: { firstMs: 20, stepMs: 10 } });
    const timings = await timeBackends([{ name: 'wasm' }, { name: 'cpu' }], f.probe, { now: f.now });
    expect(fastestTiming(timings)?.name).toBe('cpu');
    expect(timings.find((t) => t.name === 'wasm')?.stepsPerSecond).toBeCloseTo(40);
  });

  it('keeps to the budget: the time is shared, and a backend whose first step overruns its share is not timed', async () => {
    const budgetMs = 2000;
    const f = fakeProbe({
      wasm: { firstMs: 50, stepMs: 30 },
      cpu: { firstMs: 40, stepMs: 20 },
      webgl: { firstMs: 1500, stepMs: 5 },
      webgpu: { firstMs: 100, stepMs: 2 },
    });
    const timings = await timeBackends(
      [{ name: 'wasm' }, { name: 'cpu' }, { name: 'webgl' }, { name: 'webgpu' }],
      f.probe,
      { now: f.now, budgetMs, enoughMs: 10_000, maxSteps: 1000 },
    );
    // Without `enoughMs` and `maxSteps` cutting them short, every backend uses its whole share.
    const webgl = timings.find((t) => t.name === 'webgl')!;
    expect(webgl.stepsPerSecond).toBeUndefined();
    expect(webgl.note).toBe('its first step took 1.5 s, over its share of the time');
    expect(f.stepsRun.webgl).toBe(1);
    // A step cannot be cut short: the budget holds up to one step of one backend, and the
    // backends after it get no time.
    expect(f.now()).toBeLessThanOrEqual(budgetMs + 1500);
    expect(timings.find((t) => t.name === 'webgpu')?.note).toBe('no time was left');
    expect(f.started).toEqual(['wasm', 'cpu', 'webgl']);
    expect(fastestTiming(timings)?.name).toBe('cpu');
  });

  it('stops a fast backend once its timed steps are enough, leaving the time to the next', async () => {
    const f = fakeProbe({ wasm: { firstMs: 10, stepMs: 2 }, webgl: { firstMs: 1200, stepMs: 50 } });
    const timings = await timeBackends([{ name: 'wasm' }, { name: 'webgl' }], f.probe, {
      now: f.now,
      maxSteps: 40,
    });
    // 40 steps after the first; the rate is that of the later 20.
    expect(timings[0]!.steps).toBe(20);
    // wasm used ~100 ms of the 2 s, so webgl's share (~1.9 s) covers its 1.2 s shader compilation.
    expect(timings[1]!.stepsPerSecond).toBeCloseTo(20);
    expect(f.now()).toBeLessThanOrEqual(2000);
  });

  it('lists backends that do not start, throw, or are skipped, and times the rest', async () => {
    const f = fakeProbe({
      wasm: { firstMs: 10, stepMs: 5 },
      webgl: { firstMs: 10, stepMs: 5, fails: 'no WebGL context' },
      cpu: { firstMs: 10, stepMs: 5, throws: 'kernel Foo is not registered\nstack' },
    });
    const candidates: CalibrationCandidate[] = [
      { name: 'wasm' },
      { name: 'cpu' },
      { name: 'webgl' },
      { name: 'webgpu', skip: 'not timed (software adapter, SwiftShader)' },
    ];
    const timings = await timeBackends(candidates, f.probe, { now: f.now });
    expect(timings.map((t) => t.note)).toEqual([
      undefined,
      'failed: kernel Foo is not registered',
      'did not start (no WebGL context)',
      'not timed (software adapter, SwiftShader)',
    ]);
    expect(f.started).toEqual(['wasm', 'cpu']);
  });

  it('skips cpu when a wasm step is slow, and times it when wasm is quick', async () => {
    const quick = fakeProbe({ wasm: { firstMs: 30, stepMs: 4 }, cpu: { firstMs: 20, stepMs: 10 } });
    const env = { isBrowser: false };
    expect(
      (await timeBackends(calibrationCandidates(env), quick.probe, { now: quick.now }))[1]!.stepsPerSecond,
    ).toBe(100);
    const slow = fakeProbe({ wasm: { firstMs: 300, stepMs: 140 }, cpu: { firstMs: 6000, stepMs: 5500 } });
    const timings = await timeBackends(calibrationCandidates(env), slow.probe, { now: slow.now });
    expect(timings[1]!.note).toBe('a wasm step takes 140 ms: cpu would take far longer');
    expect(slow.started).toEqual(['wasm']);
  });

  it('judges wasm by its quickest step, so a loaded machine does not make cpu look hopeless', async () => {
    const f = fakeProbe({
      wasm: { firstMs: 30, stepMs: 4, preemptedMs: 60 },
      cpu: { firstMs: 20, stepMs: 10 },
    });
    const timings = await timeBackends(calibrationCandidates({ isBrowser: false }), f.probe, { now: f.now });
    expect(1000 / timings[0]!.stepsPerSecond!).toBeGreaterThan(25);
    expect(timings[0]!.quickestStepMs).toBe(4);
    expect(timings[1]!.stepsPerSecond).toBe(100);
  });
});

describe('calibrationCandidates', () => {
  it('orders wasm, cpu, then the GPU backends, and lists software rasterisers untimed', () => {
    expect(names(calibrationCandidates({ isBrowser: false }))).toEqual(['wasm', 'cpu']);
    expect(names(calibrationCandidates({ isBrowser: true }))).toEqual(['wasm', 'cpu', 'webgl']);
    expect(names(calibrationCandidates({ isBrowser: true, webgpu: {} }))).toEqual([
      'wasm',
      'cpu',
      'webgl',
      'webgpu',
    ]);
    const software = calibrationCandidates({
      isBrowser: true,
      webgpu: { software: 'SwiftShader' },
      webgl: { software: 'SwiftShader' },
    });
    expect(names(software)).toEqual(['wasm', 'cpu', 'webgl (skip)', 'webgpu (skip)']);
    expect(software[3]!.skip).toBe('software, SwiftShader');
    expect(names(calibrationCandidates({ isBrowser: true, webgpu: {} }, ['webgpu', 'wasm']))).toEqual([
      'wasm',
      'webgpu',
    ]);
  });
});

describe('describeCalibration', () => {
  it('writes one line: the timed fastest first with the unit once, the choice, then the untimed grouped by why', () => {
    const timings: BackendTiming[] = [
      { name: 'wasm', steps: 40, stepsPerSecond: 41.2 },
      { name: 'cpu', steps: 0, note: 'a wasm step takes 30 ms: cpu would take far longer' },
      { name: 'webgl', steps: 8, stepsPerSecond: 12.4 },
      { name: 'webgpu', steps: 2, stepsPerSecond: 3.14, note: 'first step only' },
    ];
    expect(describeCalibration({ chosen: 'wasm', timings, fallback: false, budgetMs: 2000, ms: 1800 })).toBe(
      'Auto: wasm 41 steps/s · webgl 12 · webgpu 3.1 (first step only) — chose wasm; not timed: cpu (a wasm step takes 30 ms: cpu would take far longer)',
    );
    const software: BackendTiming[] = [
      { name: 'wasm', steps: 20, stepsPerSecond: 455 },
      { name: 'cpu', steps: 20, stepsPerSecond: 248 },
      { name: 'webgl', steps: 0, note: 'software, SwiftShader' },
      { name: 'webgpu', steps: 0, note: 'software, SwiftShader' },
    ];
    expect(
      describeCalibration({ chosen: 'wasm', timings: software, fallback: false, budgetMs: 2000, ms: 400 }),
    ).toBe('Auto: wasm 455 steps/s · cpu 248 — chose wasm; not timed: webgl, webgpu (software, SwiftShader)');
    expect(
      describeCalibration({
        chosen: 'wasm',
        timings: [{ name: 'webgl', steps: 0, note: 'webgl did not start' }],
        fallback: true,
        budgetMs: 2000,
        ms: 10,
      }),
    ).toBe(
      'Auto: no backend could be timed; the fixed rules chose wasm; not timed: webgl (webgl did not start)',
    );
  });
});
