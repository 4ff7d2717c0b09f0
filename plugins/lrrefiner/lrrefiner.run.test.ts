/**
 * The refiner through the real trainer and file format: run 1 uses linear decay, run 2 the
 * schedule refined from run 1's gradient norms, and a graph saved after run 2 and reopened in
 * a fresh engine reproduces exactly the schedule the session would use next.
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../index.ts';
import { builtinLowerings } from '../lowerings.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import type { ProgressEvent } from '../../runtime/exec/trainTypes.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';
import { setData } from '../../runtime/graph/commands.ts';
import type { GraphDoc, JsonValue } from '../../runtime/graph/types.ts';
import { canonicalNorms, scheduleFor, type RefinerData } from './lower.ts';
import { linearDecay } from './refine.ts';

const STEPS = 40;
const PEAK = 0.2;
const registry = builtinRegistry();

function graphText(): string {
  const nodes = {
    data: { type: 'gaussian-blobs', params: { samples: 300, classes: 3, dims: 4 } },
    h: { type: 'dense', params: { units: 16, activation: 'relu' } },
    out: { type: 'dense', params: { units: 3, activation: 'none' } },
    loss: { type: 'cross-entropy', params: {} },
    sched: { type: 'lrrefiner', params: { peakLr: PEAK, tau: 0.2 } },
    opt: { type: 'sgd', params: { steps: STEPS, batchSize: 32, momentum: 0.9, evalEvery: 0 } },
  };
  const edge = (_id: string, from: string, fp: string, to: string, tp: string): object => ({ from: { node: from, port: fp }, to: { node: to, port: tp } });
  const plugins = Object.fromEntries(
    [...new Set(Object.values(nodes).map((n) => n.type))].sort().map((t) => [t, { version: registry.get(t)!.version, migration: registry.get(t)!.migrations?.length ?? 0 }]),
  );
  return JSON.stringify({
    format: 'netwright.graph',
    version: 1,
    plugins,
    meta: { title: 'refiner test' },
    nodes: Object.fromEntries(Object.entries(nodes).map(([id, n], i) => [id, { ...n, position: { x: i * 100, y: 0 } }])),
    edges: [
      edge('e1', 'data', 'x', 'h', 'x'),
      edge('e2', 'h', 'y', 'out', 'x'),
      edge('e3', 'out', 'y', 'loss', 'pred'),
      edge('e4', 'data', 'y', 'loss', 'target'),
      edge('e5', 'loss', 'loss', 'opt', 'loss'),
      edge('e6', 'sched', 'lr', 'opt', 'lr'),
    ],
  });
}

async function load(text: string): Promise<{ doc: GraphDoc; engine: Engine }> {
  const loaded = loadGraph(text, registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
  const engine = new Engine();
  await engine.init('wasm');
  engine.load(compiled.plan, builtinLowerings);
  return { doc: loaded.doc, engine };
}

async function run(engine: Engine): Promise<{ lrs: number[]; norms: number[]; saved: Record<string, Record<string, unknown>> }> {
  const lrs: number[] = [];
  const result = await engine.train({}, (e: ProgressEvent) => {
    if (e.event === 'step') lrs.push(e.lr);
  });
  return { lrs, norms: [...result.history.gradNorms], saved: result.savedData };
}

const f32 = (a: ArrayLike<number>): number[] => Array.from(Float32Array.from(a));

describe('lrrefiner in a training session', () => {
  it('uses linear decay first, the refined schedule on the second run, and a reopened saved graph reproduces it', async () => {
    const { doc, engine } = await load(graphText());
    const run1 = await run(engine);
    expect(run1.lrs).toEqual(f32(Array.from(linearDecay(STEPS, 0), (s) => s * PEAK)));

    const run2 = await run(engine);
    const p = { peakLr: PEAK, tau: 0.2, norm: 'l2', newT: 0, warmupSteps: 0 } as const;
    const refined64 = Array.from(scheduleFor(p, STEPS, canonicalNorms(run1.norms)), (s) => s * PEAK);
    const refined = f32(refined64);
    expect(run2.lrs).toEqual(refined);
    expect(run2.lrs).not.toEqual(run1.lrs);
    expect(run2.lrs[STEPS - 1]).toBe(0);
    const data = run2.saved.sched as unknown as RefinerData;
    expect(data.scheduleFrom).toEqual(canonicalNorms(run1.norms));
    expect(data.gradNorms).toEqual(canonicalNorms(run2.norms));
    expect(data.schedule).toEqual(canonicalNorms(refined64));

    // save the graph with the node data, reopen it in a fresh engine: same schedule as the session's next run
    const withData = setData(doc, { node: 'sched', data: data as unknown as Record<string, JsonValue> });
    const text = serializeGraph(withData, registry);
    expect(text).toContain('"scheduleFrom"');
    const run3Session = await run(engine);
    engine.dispose();
    const reopened = await load(text);
    const run3File = await run(reopened.engine);
    reopened.engine.dispose();
    expect(run3File.lrs).toEqual(run3Session.lrs);
    expect(run3File.lrs).toEqual(f32(Array.from(scheduleFor(p, STEPS, canonicalNorms(run2.norms)), (s) => s * PEAK)));
  });
});
