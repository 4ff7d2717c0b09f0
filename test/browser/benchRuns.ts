/**
 * The browser half of `npm run bench -- models --browser` (bench/models.bench.ts): trains a plan
 * on one backend in the fixture page's worker as the models bench does in Node (a warm-up run,
 * then a timed run of the measured steps continuing from its weights, then a profiled one) and
 * measures ms/step, kernels/step, readbacks/step (tensor reads, WebGPU buffer maps, WebGL reads
 * of GPU memory) and peak tensor memory. Browser-only support code, like exampleRuns.ts.
 */
import { builtinLowerings } from '../../plugins/lowerings.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { errorMessage } from '../../runtime/sdk/errors.ts';
import type { BrowserBenchRow, SuiteBackend } from '../backends/types.ts';
import { countReadbacks } from '../support/readbackCounter.ts';

/** Activates `backend` (no fallback) and measures `steps` steps of the plan after `warmup` ones. */
export async function benchPlanOn(backend: SuiteBackend, planJson: string, warmup: number, steps: number): Promise<BrowserBenchRow> {
  const plan = JSON.parse(planJson) as ExecutionPlan;
  const engine = new Engine();
  const choice = await engine.init(backend);
  const base = { backend: choice.name, reason: choice.reason };
  if (choice.name !== backend) return { ...base, error: `${backend} did not start: ${choice.reason}` };
  const before = tf.memory().numTensors;
  let row: BrowserBenchRow;
  try {
    engine.load(plan, builtinLowerings);
    const t0 = performance.now();
    await engine.train({ steps: warmup, evalEvery: 0 });
    const warmupMs = performance.now() - t0;
    const timed = await timedRun(engine, steps, backend);
    const kernels = await countKernels(engine, steps);
    row = { ...base, warmupMs, ...timed, kernelsPerStep: kernels.count / steps, peakBytes: kernels.peakBytes };
  } catch (e) {
    row = { ...base, error: errorMessage(e) };
  } finally {
    engine.dispose();
    await tf.nextFrame();
  }
  return { ...row, leaked: tf.memory().numTensors - before };
}

/** A continued run of `steps` steps, timed and with its readbacks counted, start event to last step event. */
async function timedRun(engine: Engine, steps: number, backend: SuiteBackend): Promise<{ msPerStep: number; readbacksPerStep: number; deviceReadsPerStep: number }> {
  const counter = countReadbacks();
  let started = 0;
  let out = { msPerStep: Number.NaN, readbacksPerStep: Number.NaN, deviceReadsPerStep: Number.NaN };
  try {
    await engine.train({ steps, evalEvery: 0, continue: true }, (e) => {
      if (e.event === 'start') {
        counter.reset();
        started = performance.now();
      }
      if (e.event === 'step' && e.step === steps) {
        const device = backend === 'webgl' ? counter.glReads() : counter.bufferMaps();
        out = { msPerStep: (performance.now() - started) / steps, readbacksPerStep: counter.count() / steps, deviceReadsPerStep: device / steps };
      }
    });
  } finally {
    counter.dispose();
  }
  return out;
}

/** Kernels of a continued run of `steps` steps, start event to last step event, under tf.profile. */
async function countKernels(engine: Engine, steps: number): Promise<{ count: number; peakBytes: number }> {
  const state = (tf.engine() as unknown as { state: { profiling: boolean; activeProfile: { kernels: { length: number } } } }).state;
  const bounds: number[] = [];
  try {
    const info = await tf.profile(async () => {
      await engine.train({ steps, evalEvery: 0, continue: true }, (e) => {
        if (e.event === 'start' || (e.event === 'step' && e.step === steps)) bounds.push(state.activeProfile.kernels.length);
      });
    });
    const window = info.kernels.slice(bounds[0], bounds[1]);
    const backend = tf.getBackend();
    return {
      count: window.filter((k) => tf.getKernel(k.name, backend) !== undefined).length,
      peakBytes: window.reduce((m, k) => Math.max(m, k.totalBytesSnapshot), 0),
    };
  } finally {
    state.profiling = false;
  }
}
