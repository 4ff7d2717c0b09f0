/**
 * The fixture page: runs fixture jobs on a named backend in this page or in a fresh Web Worker
 * (one per call, terminated after it, so a lost device never leaks into the next run).
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../../runtime/exec/backends.ts';
import { runJobsOn, type BackendRun, type FixtureJob } from './fixtureJobs.ts';
import type { FixtureWorkerApi } from './fixtures.worker.ts';

/** Where jobs run. */
export type FixtureContext = 'page' | 'worker';

async function runInWorker(backend: BackendName, jobs: readonly FixtureJob[]): Promise<BackendRun> {
  const worker = new Worker(new URL('./fixtures.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<FixtureWorkerApi>(worker);
  try {
    return await api.runJobsOn(backend, jobs);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/** The page's test entry point. */
export interface FixturePageApi {
  run(context: FixtureContext, backend: BackendName, jobs: readonly FixtureJob[]): Promise<BackendRun>;
}

const api: FixturePageApi = {
  run: (context, backend, jobs) => (context === 'worker' ? runInWorker(backend, jobs) : runJobsOn(backend, jobs)),
};
(window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures = api;
document.body.dataset.ready = 'true';
