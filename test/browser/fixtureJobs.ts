/**
 * Runs fixture jobs on one tfjs backend, in whatever context imports it (the page or a Web
 * Worker), with the wasm files set up as the engine worker does. Browser-only test support:
 * the backend is selected strictly (no fallback), every fixture is run through the project's
 * fixture runner, and each job reports its checks and the tensors it leaked.
 */
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { builtinSpecs } from '../../plugins/index.ts';
import { guardBackend } from '../../runtime/exec/backendGuard.ts';
import { selectBackend } from '../../runtime/exec/backends.ts';
import { runFixture } from '../../runtime/exec/fixtures/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { useBundledWasmFiles } from '../../workers/wasmFiles.ts';
import type { BackendRun, FixtureJob, FixtureJobResult, SuiteBackend } from '../backends/types.ts';

useBundledWasmFiles();

const plugins = new Map(builtinSpecs.map((spec) => [spec.id, { spec, lowering: builtinLowerings.find((l) => l.id === spec.id) }]));

/** Activates `backend` (no fallback) and runs every job on it, in order. */
export async function runJobsOn(backend: SuiteBackend, jobs: readonly FixtureJob[]): Promise<BackendRun> {
  const choice = await selectBackend(backend);
  if (choice.name !== backend) return { backend: choice.name, reason: choice.reason, results: [], fatal: `backend ${backend} did not start: ${choice.reason}` };
  const results: FixtureJobResult[] = [];
  const guard = guardBackend();
  try {
    for (const { fixture, form } of jobs) {
      const plugin = plugins.get(fixture.plugin);
      if (!plugin?.lowering) {
        results.push({ name: fixture.name, form, ok: false, error: `no built-in plugin "${fixture.plugin}"`, leaked: 0, syncReads: 0, gpuErrors: [], checks: [] });
        continue;
      }
      const before = tf.memory().numTensors;
      guard.reset();
      const report = await runFixture(fixture, { spec: plugin.spec, lowering: plugin.lowering }, { paramOverrides: form });
      // WebGPU reports errors asynchronously: let the queue drain before reading them.
      await tf.nextFrame();
      results.push({
        name: report.name,
        form,
        ok: report.ok,
        error: report.error,
        leaked: tf.memory().numTensors - before,
        syncReads: guard.syncReads(),
        gpuErrors: guard.errors(),
        checks: report.checks,
      });
    }
  } finally {
    guard.dispose();
  }
  return { backend: choice.name, reason: choice.reason, results };
}
