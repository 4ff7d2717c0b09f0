import { describe, expect, it } from 'vitest';
import type { NodeProfile } from '../../workers/engineApi.ts';
import { instanceProfileRows } from './instanceProfile.ts';

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
});
