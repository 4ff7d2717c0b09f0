import { describe, expect, it } from 'vitest';
import type { NodeProfile } from '../../workers/engineApi.ts';
import { instanceProfileRows } from './instanceProfile.ts';
import { createRunDiagnosticsStore } from './nodeDiagnostics.ts';

function row(node: string, forwardMs: number, backwardMs: number, share: number): NodeProfile {
  return { node, type: 't', role: 'layer', forwardMs, backwardMs, updateMs: 0, totalMs: forwardMs + backwardMs, share };
}

const ROWS = [row('emb', 0.5, 0.5, 0.1), row('stack/0/gla', 1, 2, 0.3), row('stack/1/gla', 1, 2, 0.3), row('stack/1/res', 0.25, 0.25, 0.05)];

describe('profile rows of block instances', () => {
  it('sums every flat node of a top-level instance into one row', () => {
    expect(instanceProfileRows(ROWS)).toEqual([
      { node: 'stack', type: 'block', role: 'block', forwardMs: 2.25, backwardMs: 4.25, updateMs: 0, totalMs: 6.5, share: 0.65 },
    ]);
    expect(instanceProfileRows([row('emb', 1, 1, 1)])).toEqual([]);
  });

  it('shows the run values of an inner node on its instance under its path, and its fault naming the path', () => {
    const store = createRunDiagnosticsStore();
    store.update({ emb: { norm: 1 }, 'stack/1/gla': { deadRate: 0.5 }, 'stack/0/gla': { deadRate: 0.25 } }, 3);
    expect(store.get('stack')?.values).toEqual({ '[1] › gla deadRate': 0.5, '[0] › gla deadRate': 0.25 });
    expect(store.get('stack/1/gla')?.values).toEqual({ deadRate: 0.5 });
    store.update({ 'stack/1/gla': { deadRate: 0.75 } }, 4);
    expect(store.get('stack')?.values).toEqual({ '[1] › gla deadRate': 0.75, '[0] › gla deadRate': 0.25 });
    store.markFault('stack/0/gla', { code: 'TRAIN_NONFINITE', message: 'output y is NaN' });
    expect(store.get('stack')?.fault?.message).toBe('stack[0] › gla: output y is NaN');
    expect(store.get('emb')?.fault).toBeUndefined();
  });
});
