/**
 * End to end through the real pieces: the example graph file -> loader -> compiler -> engine
 * with the built-in plugins, trained on wasm with the file's own settings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { compileExampleGraph } from '../support/exampleGraphs.ts';

let plan: ExecutionPlan;

beforeAll(async () => {
  plan = await compileExampleGraph('two-spirals-mlp.graph.json');
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
