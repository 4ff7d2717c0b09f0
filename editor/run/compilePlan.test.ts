/**
 * The run's compile step refuses a node too costly for this machine (the canvas flags it with
 * INFER_COST_TOO_HIGH) before the worker allocates anything, naming the node.
 */
import { describe, expect, it } from 'vitest';
import graphText from '../../graphs/two-spirals-mlp.graph.json?raw';
import { builtinRegistry } from '../../plugins/index.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { compilePlan } from './compilePlan.ts';

function twoSpirals(units: number) {
  const file = JSON.parse(graphText) as {
    nodes: Record<string, { params: Record<string, unknown> }>;
  };
  file.nodes.h1!.params.units = units;
  file.nodes.h2!.params.units = units;
  const registry = builtinRegistry();
  const loaded = loadGraph(JSON.stringify(file), registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return { doc: loaded.doc, registry };
}

describe('compilePlan', () => {
  it('compiles the example as it is', () => {
    expect(compilePlan(twoSpirals(32)).ok).toBe(true);
  });

  it('refuses a layer too costly for this machine, naming it, before any run', () => {
    const outcome = compilePlan(twoSpirals(65_536));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.code, e.node])).toContainEqual(['INFER_COST_TOO_HIGH', 'h2']);
  });
});
