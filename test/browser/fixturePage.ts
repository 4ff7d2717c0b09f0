/**
 * The fixture page: runs fixture jobs on a named backend in this page or in a fresh Web Worker,
 * and trains example plans in a worker (one worker per call, terminated after it, so a lost
 * device never leaks into the next call).
 */
import * as Comlink from 'comlink';
import type { FixturePageApi } from '../backends/types.ts';
import { runJobsOn } from './fixtureJobs.ts';
import { checkKernelsOn } from './kernelChecks.ts';
import type { FixtureWorkerApi } from './fixtures.worker.ts';

/** Calls the worker API in a fresh worker and terminates it. */
async function inWorker<T>(call: (api: Comlink.Remote<FixtureWorkerApi>) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('./fixtures.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<FixtureWorkerApi>(worker);
  try {
    return await call(api);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

const api: FixturePageApi = {
  run: (context, backend, jobs) => (context === 'worker' ? inWorker((w) => w.runJobsOn(backend, jobs)) : runJobsOn(backend, jobs)),
  kernels: (backend) => checkKernelsOn(backend),
  train: (backend, planJson, steps, batchSize) => inWorker((w) => w.trainPlanOn(backend, planJson, steps, batchSize)),
  bench: (backend, planJson, warmup, steps) => inWorker((w) => w.benchPlanOn(backend, planJson, warmup, steps)),
  readbacks: (backend, planJson, steps, readbackSteps) => inWorker((w) => w.countTrainReadbacks(backend, planJson, steps, readbackSteps)),
};
(window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures = api;
document.body.dataset.ready = 'true';
