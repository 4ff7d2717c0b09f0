/**
 * The refiner through the real trainer and file format: run 1 uses linear decay, run 2 the
 * schedule refined from run 1's gradient norms, and a graph saved after run 2 and reopened in
 * a fresh engine reproduces exactly the schedule the session would use next.
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../index.ts';
import { engineFor, graphText } from '../paper.testkit.ts';
import type { Engine } from '../../runtime/exec/engine.ts';
import type { ProgressEvent } from '../../runtime/exec/trainTypes.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';
import { setData } from '../../runtime/graph/commands.ts';
import type { JsonValue } from '../../runtime/graph/types.ts';
import { canonicalNorms, scheduleFor, type RefinerData } from './lower.ts';
import { linearDecay } from './refine.ts';

const STEPS = 40;
const PEAK = 0.2;
const registry = builtinRegistry();

const GRAPH = graphText([
  { id: 'data', type: 'gaussian-blobs', params: { samples: 300, classes: 3, dims: 4 } },
  { id: 'h', type: 'dense', params: { units: 16, activation: 'relu' }, inputs: { x: 'data:x' } },
  { id: 'out', type: 'dense', params: { units: 3, activation: 'none' }, inputs: { x: 'h:y' } },
  { id: 'loss', type: 'cross-entropy', params: {}, inputs: { pred: 'out:y', target: 'data:y' } },
  { id: 'sched', type: 'lrrefiner', params: { peakLr: PEAK, tau: 0.2 } },
  { id: 'opt', type: 'sgd', params: { steps: STEPS, batchSize: 32, momentum: 0.9, evalEvery: 0 }, inputs: { loss: 'loss:loss', lr: 'sched:lr' } },
]);

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
    const { doc, engine } = await engineFor(GRAPH);
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
    const reopened = await engineFor(text);
    const run3File = await run(reopened.engine);
    reopened.engine.dispose();
    expect(run3File.lrs).toEqual(run3Session.lrs);
    expect(run3File.lrs).toEqual(f32(Array.from(scheduleFor(p, STEPS, canonicalNorms(run2.norms)), (s) => s * PEAK)));
  });
});
