/**
 * Trains an execution plan for a few steps on one backend with the runtime's Engine (the class
 * the engine worker wraps), watching for synchronous readbacks and WebGPU errors. Browser-only
 * test support, run in the page or a worker like fixtureJobs.ts.
 */
import { builtinLowerings } from '../../plugins/lowerings.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { guardBackend } from '../../runtime/exec/backendGuard.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { tf } from '../../runtime/exec/tf.ts';
import type { ExampleRun, SuiteBackend } from '../backends/types.ts';
import { errorMessage } from '../../runtime/sdk/errors.ts';
import { countReadbacks } from '../support/readbackCounter.ts';

/**
 * Activates `backend` (no fallback), then loads and trains the plan for `steps` steps (of
 * `batchSize`, else the plan's), read back as one interval (a time limit no run reaches).
 */
export async function trainPlanOn(backend: SuiteBackend, planJson: string, steps: number, batchSize?: number): Promise<ExampleRun> {
  const plan = JSON.parse(planJson) as ExecutionPlan;
  const engine = new Engine();
  const choice = await engine.init(backend);
  if (choice.name !== backend) return { backend: choice.name, losses: [], gradNorms: [], syncReads: 0, tensorReads: 0, gpuErrors: [], leaked: 0, error: choice.reason };
  const before = tf.memory().numTensors;
  const guard = guardBackend();
  const losses: number[] = [];
  const gradNorms: number[] = [];
  let error: string | undefined;
  let counter: ReturnType<typeof countReadbacks> | undefined;
  let tensorReads = 0;
  try {
    engine.load(plan, builtinLowerings);
    counter = countReadbacks();
    await engine.train({ steps, evalEvery: steps, readbackSteps: steps, readbackMs: 1e9, ...(batchSize === undefined ? {} : { batchSize }) }, (e) => {
      if (e.event !== 'step') return;
      losses.push(e.loss);
      gradNorms.push(e.gradNorm);
    });
  } catch (e) {
    error = errorMessage(e);
  } finally {
    tensorReads = counter?.count() ?? 0;
    counter?.dispose();
    engine.dispose();
    await tf.nextFrame();
    guard.dispose();
  }
  return { backend, losses, gradNorms, syncReads: guard.syncReads(), tensorReads, gpuErrors: guard.errors(), leaked: tf.memory().numTensors - before, ...(error ? { error } : {}) };
}
