import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendPoint, createCurve } from './curves.ts';
import { openRunsStore, type RunRecord, type RunsStore } from './runsStore.ts';

let dbCount = 0;
const opened: RunsStore[] = [];
async function fresh(): Promise<RunsStore> {
  const s = await openRunsStore(`runs-test-${++dbCount}`);
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function record(id: string, graphHash: string, createdAt: number, status: RunRecord['status'] = 'done'): RunRecord {
  const loss = createCurve(8);
  for (let s = 1; s <= 20; s++) appendPoint(loss, s, 1 / s);
  return {
    id,
    createdAt,
    graphHash,
    title: 'g',
    seed: 1,
    backend: 'wasm',
    backendReason: 'test',
    status,
    totalSteps: 20,
    steps: 20,
    seconds: 1,
    batchSize: 8,
    stepsPerSecond: 20,
    finalMetrics: { loss: 0.05 },
    curves: { loss },
    hasWeights: false,
  };
}

describe('runs store', () => {
  it('stores runs and lists them newest first, per graph', async () => {
    const s = await fresh();
    await s.put(record('a', 'h1', 1));
    await s.put(record('b', 'h2', 2));
    await s.put(record('c', 'h1', 3));
    expect((await s.list()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect((await s.list('h1')).map((r) => r.id)).toEqual(['c', 'a']);
    const back = await s.get('a');
    expect(back?.curves.loss?.count).toBe(20);
    expect(back?.curves.loss?.x.length).toBeLessThanOrEqual(8);
  });

  it('keeps weights apart and deletes them with the run', async () => {
    const s = await fresh();
    await s.put(record('a', 'h1', 1));
    const bytes = new Float32Array([1, 2, 3]).buffer;
    await s.putWeights('a', bytes);
    expect((await s.get('a'))?.hasWeights).toBe(true);
    expect(new Float32Array((await s.getWeights('a'))!)).toEqual(new Float32Array([1, 2, 3]));
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
    expect(await s.getWeights('a')).toBeUndefined();
  });

  it('refuses weights for an unknown run', async () => {
    const s = await fresh();
    await expect(s.putWeights('nope', new ArrayBuffer(4))).rejects.toThrow(/RUN_NOT_FOUND.*nope/);
    expect(await s.getWeights('nope')).toBeUndefined();
  });

  it('marks runs left running by a dead page as failed', async () => {
    const s = await fresh();
    await s.put(record('a', 'h1', 1, 'running'));
    await s.put(record('b', 'h1', 2, 'done'));
    expect(await s.failInterrupted('the page closed during the run')).toBe(1);
    const a = await s.get('a');
    expect(a?.status).toBe('failed');
    expect(a?.fault?.message).toMatch(/page closed/);
    expect((await s.get('b'))?.status).toBe('done');
  });
});
