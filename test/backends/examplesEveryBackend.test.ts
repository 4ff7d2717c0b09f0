/**
 * Every example graph in graphs/ trains on webgpu and webgl (SwiftShader) in a worker for its
 * first steps with the same step-1 loss as wasm (1e-4 relative; the forward) and step-2 loss
 * (1e-3 relative; the first backward and update too), with no synchronous readback, no WebGPU
 * error and no leaked tensor. Data and initial weights come from the project's seeded
 * host RNG, so the first step sees the same numbers on every backend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { repoRoot, useRunHarness } from '../e2e/runSupport.ts';
import type { ExampleRun, FixturePageApi } from './types.ts';

const harness = useRunHarness();
const STEPS = 2;
const graphsDir = join(repoRoot, 'graphs');
const examples = readdirSync(graphsDir).filter((n) => n.endsWith('.graph.json')).sort();

function planOf(file: string): ExecutionPlan {
  const registry = builtinRegistry();
  const loaded = loadGraph(readFileSync(join(graphsDir, file), 'utf8'), registry);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(`${file}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.plan;
}

async function trainOn(backend: 'wasm' | 'webgpu' | 'webgl', plan: ExecutionPlan): Promise<ExampleRun> {
  const page = await harness.browser.context.newPage();
  try {
    await page.goto(`${harness.server.url}/test/browser/fixtures.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 120_000 });
    return await page.evaluate(([b, p, s]) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.train(b, p, s), [backend, JSON.stringify(plan), STEPS] as const);
  } finally {
    await page.close();
  }
}

describe('example graphs on the GPU backends', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of examples) {
    it(`${file}: the first steps on webgpu and webgl match wasm`, async () => {
      const plan = planOf(file);
      const reference = await trainOn('wasm', plan);
      expect(reference.error).toBeUndefined();
      expect(reference.losses.length).toBe(STEPS);
      for (const backend of ['webgpu', 'webgl'] as const) {
        const run = await trainOn(backend, plan);
        const relAt = (i: number): number => Math.abs(run.losses[i]! - reference.losses[i]!) / Math.max(Math.abs(reference.losses[i]!), 1e-12);
        const rel = relAt(0);
        console.log(
          `[examples] ${file} ${backend}: loss ${run.losses.join(', ')} vs wasm ${reference.losses.join(', ')} (rel ${rel.toExponential(1)}, ${relAt(1).toExponential(1)}); sync reads ${run.syncReads}`,
        );
        expect({ backend, error: run.error, steps: run.losses.length, syncReads: run.syncReads, gpuErrors: run.gpuErrors, leaked: run.leaked }).toEqual({
          backend,
          error: undefined,
          steps: STEPS,
          syncReads: 0,
          gpuErrors: [],
          leaked: 0,
        });
        expect(rel, `${backend} step-1 loss ${run.losses[0]} vs wasm ${reference.losses[0]}`).toBeLessThanOrEqual(1e-4);
        expect(relAt(1), `${backend} step-2 loss ${run.losses[1]} vs wasm ${reference.losses[1]}`).toBeLessThanOrEqual(1e-3);
      }
    }, 600_000);
  }
});
