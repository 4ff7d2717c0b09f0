/**
 * End to end through the real pieces: the example graph file -> loader -> compiler -> engine
 * with the built-in plugins, trained on wasm with the file's own settings.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { loadGraph } from '../../runtime/file/load.ts';

const FILE = join(import.meta.dirname, '..', '..', 'graphs', 'two-spirals-mlp.graph.json');
let plan: ExecutionPlan;

beforeAll(async () => {
  const registry = builtinRegistry();
  const loaded = loadGraph(await readFile(FILE, 'utf8'), registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
  plan = compiled.plan;
});

describe('two-spirals-mlp.graph.json', () => {
  it('trains to >= 0.95 test accuracy on wasm, identically for the same seed, without leaks', async () => {
    const engine = new Engine();
    expect((await engine.init('wasm')).name).toBe('wasm');
    const baseline = engine.memory().numTensors;
    engine.load(plan, builtinLowerings);
    const first = await engine.train();
    expect(first.stopped).toBe(false);
    expect(first.steps).toBe(600);
    expect(first.metrics.acc).toBeGreaterThanOrEqual(0.95);
    const second = await engine.train();
    expect(second.metrics).toEqual(first.metrics);
    expect(second.history.gradNorms).toEqual(first.history.gradNorms);
    engine.dispose();
    expect(engine.memory().numTensors).toBe(baseline);
  });
});
