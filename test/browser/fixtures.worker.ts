/** The fixture runner inside a Web Worker, reached through comlink (as the engine worker is). */
import * as Comlink from 'comlink';
import { trainPlanOn } from './exampleRuns.ts';
import { runJobsOn } from './fixtureJobs.ts';
import { benchPlanOn } from './benchRuns.ts';
import { countTrainReadbacks } from './readbackRuns.ts';

/** What the worker exposes. */
export const fixtureWorkerApi = { runJobsOn, trainPlanOn, countTrainReadbacks, benchPlanOn };

/** The worker's API type for the page. */
export type FixtureWorkerApi = typeof fixtureWorkerApi;

Comlink.expose(fixtureWorkerApi);
