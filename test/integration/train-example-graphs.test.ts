/**
 * Every example graph in graphs/ trains through the real loader, compiler, plugins and
 * engine: a two-step smoke run on wasm with finite loss and metrics and no leaked tensors.
 * (Accuracy targets live in per-graph tests such as train-two-spirals.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { shelveShippedDatasets } from '../support/shippedDatasets.ts';

const dir = new URL('../../graphs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.graph.json'));
const engine = new Engine();

beforeAll(async () => {
  shelveShippedDatasets(); // graphs on the shipped text corpus
  await engine.init('wasm');
});

describe.runIf(files.length > 0)('example graphs train', () => {
  it.each(files)('%s runs two training steps', async (name) => {
    const registry = builtinRegistry();
    const loaded = loadGraph(readFileSync(new URL(name, dir), 'utf8'), registry);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const compiled = compileGraph(loaded.doc, registry);
    if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
    const baseline = engine.memory().numTensors;
    engine.load(compiled.plan, builtinLowerings);
    const result = await engine.train({ steps: 2, evalEvery: 0 });
    expect(result.steps).toBe(2);
    expect(Object.keys(result.metrics)).toContain('loss');
    for (const [k, v] of Object.entries(result.metrics)) expect(Number.isFinite(v), k).toBe(true);
    expect(result.history.gradNorms.every((g) => Number.isFinite(g) && g > 0)).toBe(true);
    engine.dispose();
    expect(engine.memory().numTensors).toBe(baseline);
  });
});
