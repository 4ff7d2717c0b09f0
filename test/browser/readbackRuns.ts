/**
 * Trains an execution plan on one backend with every readback counted: tensor reads the code
 * asks for (`data`, `dataSync`, `arraySync`, ...), WebGPU buffer maps and WebGL reads of GPU
 * memory, also as they stood when each step event arrived. Browser-only test support, run in
 * the fixture page's worker (test/browser/fixtures.worker.ts).
 */
import { builtinLowerings } from '../../plugins/lowerings.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { errorMessage } from '../../runtime/sdk/errors.ts';
import { countReadbacks } from '../support/readbackCounter.ts';
import type { ReadbackRun, SuiteBackend } from '../backends/types.ts';

/** Activates `backend` (no fallback), loads the plan and trains `steps` steps, `readbackSteps` per readback. */
export async function countTrainReadbacks(backend: SuiteBackend, planJson: string, steps: number, readbackSteps: number): Promise<ReadbackRun> {
  const plan = JSON.parse(planJson) as ExecutionPlan;
  const engine = new Engine();
  const choice = await engine.init(backend);
  const empty = { tensorReads: 0, bufferMaps: 0, glReads: 0, atStepEvents: [], losses: [] };
  if (choice.name !== backend) return { backend: choice.name, ...empty, error: choice.reason };
  const before = tf.memory().numTensors;
  engine.load(plan, builtinLowerings);
  const counter = countReadbacks();
  const atStepEvents: { step: number; tensorReads: number; bufferMaps: number; glReads: number }[] = [];
  const losses: number[] = [];
  let error: string | undefined;
  try {
    // A time limit no run reaches: the interval is the step count, whatever the machine's speed.
    await engine.train({ steps, evalEvery: 0, readbackSteps, readbackMs: 1e9 }, (e) => {
      if (e.event !== 'step') return;
      losses.push(e.loss);
      atStepEvents.push({ step: e.step, tensorReads: counter.count(), bufferMaps: counter.bufferMaps(), glReads: counter.glReads() });
    });
  } catch (e) {
    error = errorMessage(e);
  }
  const counts = { tensorReads: counter.count(), bufferMaps: counter.bufferMaps(), glReads: counter.glReads() };
  counter.dispose();
  engine.dispose();
  await tf.nextFrame();
  return { backend, ...counts, atStepEvents, losses, leaked: tf.memory().numTensors - before, ...(error ? { error } : {}) };
}
