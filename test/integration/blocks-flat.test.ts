/**
 * The flattened plan of an instance-based graph is the plan of the same graph drawn flat: the
 * GLA associative-recall example (a GLA layer block with repeat 2) against the flat version it
 * replaced (frozen in test/fixtures/v1/). Step for step the same plugins, params, shapes, weights
 * and wiring under the renaming `stack/0/gla` <-> `gla1`; with the same weights, a few training
 * steps give the same gradient norms, metrics and trained weights. Cross-cutting on purpose:
 * the real built-in plugins on wasm.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { loadGraph } from '../../runtime/file/load.ts';

const registry = builtinRegistry();

function plan(url: URL): ExecutionPlan {
  const loaded = loadGraph(readFileSync(url, 'utf8'), registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
  return compiled.plan;
}

const blockPlan = plan(new URL('../../graphs/gla-associative-recall.graph.json', import.meta.url));
const flatPlan = plan(new URL('../fixtures/v1/gla-associative-recall.graph.json', import.meta.url));

/** Inner node of the block -> its id in the flat drawing, per copy. */
const INNER: Readonly<Record<string, string>> = {
  lnA: 'ln{k}a',
  gla: 'gla{k}',
  resA: 'res{k}a',
  lnB: 'ln{k}b',
  mlpA: 'mlp{k}a',
  mlpB: 'mlp{k}b',
  resB: 'res{k}b',
};

/** A node id of the block plan as the flat drawing names it (`stack/1/gla` -> `gla2`). */
function flatId(id: string): string {
  const m = /^stack\/(\d+)\/(\w+)$/.exec(id);
  if (!m) return id;
  return INNER[m[2]!]!.replace('{k}', String(Number(m[1]) + 1));
}

function renameKey(key: string): string {
  const cut = key.lastIndexOf('/');
  return `${flatId(key.slice(0, cut))}${key.slice(cut)}`;
}

describe('blocks flatten to the plan of the graph drawn flat', () => {
  it('has the same steps, params, shapes, weights and wiring', () => {
    const flatSteps = new Map(flatPlan.steps.map((s) => [s.node, s]));
    expect(blockPlan.steps.length).toBe(flatPlan.steps.length);
    for (const step of blockPlan.steps) {
      const twin = flatSteps.get(flatId(step.node));
      expect(twin, step.node).toBeDefined();
      const inputs = Object.fromEntries(
        Object.entries(step.inputs).map(([port, ref]) => [port, { ...ref, node: flatId(ref.node) }]),
      );
      expect({ ...step, node: twin!.node, inputs, release: [] }).toEqual({ ...twin!, release: [] });
    }
    expect(
      blockPlan.weights
        .map((w) => ({ ...w, key: renameKey(w.key), node: flatId(w.node) }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual([...flatPlan.weights].sort((a, b) => a.key.localeCompare(b.key)));
    expect(blockPlan.weights.map((w) => w.key)).toContain('stack/1/gla/W_q');
    expect(blockPlan.paramCount).toBe(flatPlan.paramCount);
  });

  describe('training', () => {
    const engine = new Engine();
    beforeAll(async () => {
      await engine.init('wasm');
    });

    it('trains to the same numbers from the same weights', async () => {
      engine.load(blockPlan, builtinLowerings, { seed: 3 });
      const start = engine.exportWeights();
      const a = await engine.train({ steps: 3, evalEvery: 0, batchSize: 16, seed: 5, continue: true });
      const trainedA = engine.exportWeights();
      engine.dispose();
      engine.load(flatPlan, builtinLowerings, { seed: 3 });
      const renamed = Object.fromEntries(Object.entries(start.tensors).map(([k, t]) => [renameKey(k), t]));
      engine.importWeights({ ...start, tensors: renamed }, { allowOtherGraph: true });
      const b = await engine.train({ steps: 3, evalEvery: 0, batchSize: 16, seed: 5, continue: true });
      const trainedB = engine.exportWeights();
      engine.dispose();
      expect(a.history.gradNorms).toEqual(b.history.gradNorms);
      expect(a.metrics).toEqual(b.metrics);
      for (const [key, t] of Object.entries(trainedA.tensors))
        expect(t, key).toEqual(trainedB.tensors[renameKey(key)]);
    });
  });
});
