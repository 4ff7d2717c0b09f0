/**
 * Every fixture of every built-in plugin (the shared ones and each plugin's own), in every
 * implementation form, through the project's fixture runner in headless Chromium, on webgpu and
 * webgl (SwiftShader) next to wasm and cpu, in the page and in a Web Worker. Each job must pass
 * its tolerances, leak no tensor, raise no WebGPU error and, on the GPU backends, read nothing
 * back synchronously. Prints the worst error per plugin and backend (a ratio to the fixture's
 * tolerance: ≤ 1 passes), the numbers the plugin READMEs quote.
 *
 * The worker is where runs train, so it gets every job on every backend. In the page the GPU
 * backends get one fixture per plugin in every form: the page differs from the worker only in how
 * the backend is created (a DOM canvas instead of an OffscreenCanvas), and SwiftShader makes the
 * full set cost ≈ 4 minutes of CI per backend there.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFormsOf } from '../../plugins/fixtureForms.ts';
import { loadFixtures, SHARED_FIXTURES } from '../../plugins/paper.testkit.ts';
import { repoRoot, useRunHarness } from '../e2e/runSupport.ts';
import { withFixturePage } from './fixturePageSupport.ts';
import type { BackendRun, FixtureContext, FixtureJob, FixtureJobResult, FixturePageApi } from './types.ts';

const harness = useRunHarness();

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(dir, e.name));
}

const fixtures = [
  ...subfolders(SHARED_FIXTURES),
  ...subfolders(join(repoRoot, 'plugins')).map((d) => join(d, 'fixtures')),
].flatMap((dir) => loadFixtures(dir).map((f) => f.fixture));
const jobs: FixtureJob[] = fixtures.flatMap((fixture) => fixtureFormsOf(fixture.plugin).map((form) => ({ fixture, form })));

const GPU_BACKENDS = new Set(['webgpu', 'webgl']);

/** One fixture per plugin, in every form of that plugin. */
const firstPerPlugin: FixtureJob[] = jobs.filter((job) => job.fixture === fixtures.find((f) => f.plugin === job.fixture.plugin));

function jobsFor(backend: string, context: FixtureContext): FixtureJob[] {
  return context === 'page' && GPU_BACKENDS.has(backend) ? firstPerPlugin : jobs;
}

function problemsOf(r: FixtureJobResult, backend: string): string[] {
  const where = `${r.name} ${JSON.stringify(r.form)}`;
  const problems: string[] = [];
  if (!r.ok) {
    const failed = r.checks.filter((c) => !c.ok).map((c) => `${c.path} ratio ${c.worstRatio.toFixed(2)} (${c.message ?? ''})`);
    problems.push(`${where}: ${r.error ?? ''} ${failed.join('; ')}`.trim());
  }
  if (r.leaked !== 0) problems.push(`${where}: leaked ${r.leaked} tensors`);
  if (r.gpuErrors.length > 0) problems.push(`${where}: WebGPU errors: ${r.gpuErrors.join(' | ').slice(0, 300)}`);
  if (GPU_BACKENDS.has(backend) && r.syncReads > 0) problems.push(`${where}: ${r.syncReads} synchronous readbacks`);
  return problems;
}

/** Worst ratio to the tolerance per plugin id, e.g. `gla 0.013`. */
function worstPerPlugin(results: readonly FixtureJobResult[]): string {
  const worst = new Map<string, number>();
  for (const r of results) {
    const id = r.name.slice(0, r.name.indexOf('/'));
    for (const c of r.checks) worst.set(id, Math.max(worst.get(id) ?? 0, c.worstRatio));
  }
  return [...worst].map(([id, w]) => `${id} ${w.toFixed(3)}`).join(', ');
}

describe('fixtures on every backend', () => {
  it('has the shared fixtures of every paper plugin and jobs in every form', () => {
    const ids = new Set(fixtures.map((f) => f.plugin));
    for (const id of ['gla', 'lssl', 'powernorm', 'quadratic-dense', 'quadratic-conv2d', 'biper-dense', 'biper-conv2d', 'apmask', 'lrrefiner']) {
      expect(ids, `no fixtures for ${id}`).toContain(id);
    }
    expect(jobs.filter((j) => j.fixture.plugin === 'gla').length).toBe(fixtureFormsOf('gla').length * fixtures.filter((f) => f.plugin === 'gla').length);
    expect(new Set(firstPerPlugin.map((j) => j.fixture.plugin))).toEqual(ids);
  });

  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
    for (const context of ['worker', 'page'] as const satisfies readonly FixtureContext[]) {
      const scope = jobsFor(backend, context) === jobs ? 'every fixture' : 'one fixture per plugin';
      it(`passes ${scope} in every form on ${backend}, in the ${context}`, async () => {
        const chosen = jobsFor(backend, context);
        const started = Date.now();
        const run: BackendRun = await withFixturePage(harness, (page) =>
          page.evaluate(([c, b, j]) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.run(c, b, j), [context, backend, chosen] as const),
        );
        expect(run.fatal).toBeUndefined();
        expect(run.backend).toBe(backend);
        expect(run.results.length).toBe(chosen.length);
        console.log(`[fixtures] ${backend} in the ${context}: ${chosen.length} jobs in ${((Date.now() - started) / 1000).toFixed(1)} s; worst ratio to tolerance: ${worstPerPlugin(run.results)}`);
        expect(run.results.flatMap((r) => problemsOf(r, backend))).toEqual([]);
      }, 600_000);
    }
  }
});
