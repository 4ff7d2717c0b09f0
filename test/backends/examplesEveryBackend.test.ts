/**
 * Every example graph in graphs/ trains on webgpu and webgl (SwiftShader) in a worker for its
 * first steps with the same step-1 loss as wasm (1e-4 relative: the forward), the same step-1
 * gradient norm (1e-3: the backward) and step-2 loss (1e-3: the update), with no synchronous
 * readback, no WebGPU error and no leaked tensor, and two readbacks in all: the steps' (read back
 * as one interval: no step waits on the device, LSSL's discretisation included) and the final
 * evaluation's, plus at most one per node with an afterRun hook (the AP mask reports its sparsity at the run's end). Data and initial weights come from the
 * project's seeded host RNG, so the first step sees the same numbers on every backend. Each
 * graph runs with its own batch size. Forced to batch 16, the BiPer graphs differed by up to
 * 7e-3 (step-1 loss) while their fixtures pass on every backend: most likely batch norm
 * centring exact ties of binary sums, so that the sign of the rounding noise (which depends on
 * the reduction order) flips binary activations — a discontinuity, not a backend error; at the
 * graphs' own batch of 64 they agree to 1e-7.
 *
 * SwiftShader makes each graph cost 10-160 s here, so a graph runs when it brings a form no
 * smaller example brings: a plugin with its enum and bool params (the params that choose code
 * paths; numbers only size or scale it). The GLA language model with 4 layers, say, is the
 * associative-recall example's plugins in the same forms, repeated: its flattened plan runs the
 * same kernels. Skipped graphs are printed with the example that covers them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { repoRoot, useRunHarness } from '../e2e/runSupport.ts';
import { withFixturePage } from './fixturePageSupport.ts';
import { FILE_DATA_TYPES } from '../support/shippedDatasets.ts';
import type { ExampleRun, FixturePageApi } from './types.ts';

const harness = useRunHarness();
/** Plugin ids whose lowering has an afterRun hook. */
const AFTER_RUN_HOOKS = new Set(builtinLowerings.filter((l) => l.hooks?.afterRun !== undefined).map((l) => l.id));
const STEPS = 2;
const graphsDir = join(repoRoot, 'graphs');
// Graphs on a data file (the text corpus) need its bytes in the worker, which this page does
// not supply; the Node tests train them (train-example-graphs, generate-step-forms).
const examples = readdirSync(graphsDir)
  .filter((n) => n.endsWith('.graph.json'))
  .filter((n) => !Object.values((JSON.parse(readFileSync(join(graphsDir, n), 'utf8')) as { nodes: Record<string, { type: string }> }).nodes).some((node) => FILE_DATA_TYPES.has(node.type)))
  .sort();

function planOf(file: string): ExecutionPlan {
  const registry = builtinRegistry();
  const loaded = loadGraph(readFileSync(join(graphsDir, file), 'utf8'), registry);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(`${file}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.plan;
}

/** `type[enum and bool params]` of every node of a plan: the kernels it can run. */
function formsOf(plan: ExecutionPlan): Set<string> {
  const registry = builtinRegistry();
  return new Set(
    plan.steps.map((step) => {
      const spec = registry.get(step.type);
      const forms = Object.entries(step.params)
        .filter(([name]) => spec?.params[name]?.kind === 'enum' || spec?.params[name]?.kind === 'bool')
        .sort(([a], [b]) => a.localeCompare(b));
      return `${step.type}${JSON.stringify(forms)}`;
    }),
  );
}

/** The examples that bring a new form, smallest first; the others with what covers them. */
function chooseExamples(files: readonly string[]): { run: string[]; covered: Map<string, string> } {
  const sized = files.map((file) => ({ file, plan: planOf(file) })).sort((a, b) => a.plan.steps.length - b.plan.steps.length || a.file.localeCompare(b.file));
  const broughtBy = new Map<string, string>();
  const run: string[] = [];
  const covered = new Map<string, string>();
  for (const { file, plan } of sized) {
    const forms = [...formsOf(plan)];
    const fresh = forms.filter((f) => !broughtBy.has(f));
    if (fresh.length === 0) {
      covered.set(file, [...new Set(forms.map((f) => broughtBy.get(f)!))].join(', '));
      continue;
    }
    for (const f of fresh) broughtBy.set(f, file);
    run.push(file);
  }
  return { run: run.sort(), covered };
}

const chosen = chooseExamples(examples);

function trainOn(backend: 'wasm' | 'webgpu' | 'webgl', plan: ExecutionPlan): Promise<ExampleRun> {
  return withFixturePage(harness, (page) =>
    page.evaluate(([b, p, s]) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.train(b, p, s), [backend, JSON.stringify(plan), STEPS] as const),
  );
}

describe('example graphs on the GPU backends', () => {
  it('finds the examples, and runs every form of every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    const runForms = new Set(chosen.run.flatMap((file) => [...formsOf(planOf(file))]));
    for (const file of examples) expect([...formsOf(planOf(file))].filter((f) => !runForms.has(f)), file).toEqual([]);
    for (const [file, by] of chosen.covered) console.log(`[examples] ${file}: its plugin forms run in ${by}`);
  });

  for (const file of chosen.run) {
    it(`${file}: the first steps on webgpu and webgl match wasm`, async () => {
      const plan = planOf(file);
      const reference = await trainOn('wasm', plan);
      expect(reference.error).toBeUndefined();
      expect(reference.losses.length).toBe(STEPS);
      for (const backend of ['webgpu', 'webgl'] as const) {
        const run = await trainOn(backend, plan);
        const relative = (got: number | undefined, want: number | undefined): number => Math.abs(got! - want!) / Math.max(Math.abs(want!), 1e-12);
        const rel = relative(run.losses[0], reference.losses[0]);
        const relGrad = relative(run.gradNorms[0], reference.gradNorms[0]);
        const relStep2 = relative(run.losses[1], reference.losses[1]);
        console.log(
          `[examples] ${file} ${backend}: rel. difference to wasm: step-1 loss ${rel.toExponential(1)}, step-1 gradient norm ${relGrad.toExponential(1)}, step-2 loss ${relStep2.toExponential(1)}; sync reads ${run.syncReads}, reads ${run.tensorReads}`,
        );
        expect({ backend, error: run.error, steps: run.losses.length, syncReads: run.syncReads, gpuErrors: run.gpuErrors, leaked: run.leaked }).toEqual({
          backend,
          error: undefined,
          steps: STEPS,
          syncReads: 0,
          gpuErrors: [],
          leaked: 0,
        });
        // The trainer's two, plus at most one per node with an afterRun hook (the AP mask
        // reports its sparsity at the run's end; the LR refiner reads nothing): never one per step.
        const hookReads = plan.steps.filter((step) => AFTER_RUN_HOOKS.has(step.type)).length;
        expect(run.tensorReads, `${backend} reads`).toBeGreaterThanOrEqual(2);
        expect(run.tensorReads, `${backend} reads`).toBeLessThanOrEqual(2 + hookReads);
        expect(rel, `${backend} step-1 loss ${run.losses[0]} vs wasm ${reference.losses[0]}`).toBeLessThanOrEqual(1e-4);
        expect(relGrad, `${backend} step-1 gradient norm ${run.gradNorms[0]} vs wasm ${reference.gradNorms[0]}`).toBeLessThanOrEqual(1e-3);
        expect(relStep2, `${backend} step-2 loss ${run.losses[1]} vs wasm ${reference.losses[1]}`).toBeLessThanOrEqual(1e-3);
      }
    }, 600_000);
  }
});
