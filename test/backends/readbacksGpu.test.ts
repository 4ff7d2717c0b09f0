/**
 * A training step never waits on the device: on webgpu and webgl (SwiftShader, in a worker of
 * headless Chromium) a run of 12 steps read back every 4 reads back 3 times, once per interval,
 * and the step events of an interval arrive together after its readback. Counted at every level
 * a readback can happen: tensor reads the code asks for, WebGPU buffer maps, WebGL reads of GPU
 * memory. (Every example graph, LSSL's included, is also held to one readback for its steps in
 * examplesEveryBackend.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { compileExampleGraph } from '../support/exampleGraphs.ts';
import { useRunHarness } from '../e2e/runSupport.ts';
import { withFixturePage } from './fixturePageSupport.ts';
import type { FixturePageApi, ReadbackRun } from './types.ts';

const harness = useRunHarness();
const STEPS = 12;
const PER_READ = 4;

function countOn(backend: 'webgpu' | 'webgl', planJson: string, steps: number, perRead: number): Promise<ReadbackRun> {
  return withFixturePage(harness, (page) =>
    page.evaluate(
      ([b, p, s, r]) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.readbacks(b, p, s, r),
      [backend, planJson, steps, perRead] as const,
    ),
  );
}

/** The interval (1-based) that step `step` belongs to. */
const intervalOf = (step: number, perRead: number): number => Math.ceil(step / perRead);

describe('readbacks per step on the GPU backends', () => {
  for (const [graph, steps, perRead] of [['two-spirals-mlp', STEPS, PER_READ]] as const) {
    for (const backend of ['webgpu', 'webgl'] as const) {
      it(`${graph} on ${backend}: at most one readback per interval of ${perRead} steps`, async () => {
        const plan = JSON.stringify(await compileExampleGraph(`${graph}.graph.json`));
        const run = await countOn(backend, plan, steps, perRead);
        console.log(`[readbacks] ${graph} ${backend}: ${steps} steps, ${perRead} per readback: ${JSON.stringify({ tensorReads: run.tensorReads, bufferMaps: run.bufferMaps, glReads: run.glReads })}`);
        expect({ backend: run.backend, error: run.error, leaked: run.leaked, steps: run.losses.length }).toEqual({ backend, error: undefined, leaked: 0, steps });
        expect(run.losses.every(Number.isFinite)).toBe(true);
        const intervals = steps / perRead;
        // Every step event of interval i arrives after exactly i readbacks.
        expect(run.atStepEvents.map((e) => e.tensorReads)).toEqual(run.atStepEvents.map((e) => intervalOf(e.step, perRead)));
        // The device is read as often as the code asks, no more: per readback one buffer map on
        // webgpu; on webgl a readPixels into a pixel buffer and its getBufferSubData.
        const device = backend === 'webgpu' ? 'bufferMaps' : 'glReads';
        const perReadback = backend === 'webgpu' ? 1 : 2;
        expect(run.atStepEvents.map((e) => e[device])).toEqual(run.atStepEvents.map((e) => perReadback * intervalOf(e.step, perRead)));
        // The intervals, then the final evaluation.
        expect(run.tensorReads).toBe(intervals + 1);
        expect(run[device]).toBe(perReadback * (intervals + 1));
      }, 300_000);
    }
  }
});
