import { describe, expect, it } from 'vitest';
import { createRunDiagnosticsStore } from './nodeDiagnostics.ts';

describe('run diagnostics store', () => {
  it('notifies only the nodes whose values changed', () => {
    const s = createRunDiagnosticsStore();
    const calls: string[] = [];
    s.subscribe('a', () => calls.push('a'));
    s.subscribe('b', () => calls.push('b'));
    s.update({ a: { deadRate: 0.5 }, b: { sparsity: 0.1 } }, 1);
    expect(calls).toEqual(['a', 'b']);
    const a1 = s.get('a');
    s.update({ a: { deadRate: 0.5 }, b: { sparsity: 0.2 } }, 2);
    expect(calls).toEqual(['a', 'b', 'b']);
    // Unchanged snapshots keep their identity (useSyncExternalStore relies on it).
    expect(s.get('a')).toBe(a1);
    expect(s.get('b')?.values.sparsity).toBe(0.2);
  });

  it('compares series by value', () => {
    const s = createRunDiagnosticsStore();
    s.update({ lr: { schedule: [1, 2, 3] } }, 1);
    const first = s.get('lr');
    s.update({ lr: { schedule: [1, 2, 3] } }, 2);
    expect(s.get('lr')).toBe(first);
    s.update({ lr: { schedule: [1, 2, 4] } }, 3);
    expect(s.get('lr')).not.toBe(first);
  });

  it('marks faults, keeps values, and clears with notification', () => {
    const s = createRunDiagnosticsStore();
    let n = 0;
    const off = s.subscribe('d1', () => n++);
    s.update({ d1: { deadRate: 1 } }, 3);
    s.markFault('d1', { code: 'TRAIN_NONFINITE', message: 'loss became NaN at step 3' });
    expect(s.get('d1')?.fault?.code).toBe('TRAIN_NONFINITE');
    expect(s.get('d1')?.values.deadRate).toBe(1);
    s.clear();
    expect(s.get('d1')).toBeUndefined();
    expect(n).toBe(3);
    off();
    s.update({ d1: { deadRate: 0 } }, 1);
    expect(n).toBe(3);
  });
});
