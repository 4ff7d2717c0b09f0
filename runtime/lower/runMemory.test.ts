import { describe, expect, it } from 'vitest';
import { createRunMemory } from './runMemory.ts';

describe('createRunMemory', () => {
  it('makes one memory per node on first use and hands the same object back', () => {
    const store = createRunMemory();
    let made = 0;
    const create = () => ({ n: ++made });
    const a = store.forNode('a');
    expect(a(create)).toBe(a(create));
    expect(store.forNode('a')(create)).toBe(a(create));
    expect(store.forNode('b')(create)).not.toBe(a(create));
    expect(made).toBe(2);
  });

  it('disposes every memory that can be disposed, once, and starts empty again', () => {
    const store = createRunMemory();
    const disposed: string[] = [];
    store.forNode('a')(() => ({ dispose: () => disposed.push('a') }));
    store.forNode('b')(() => ({ plain: true }));
    store.dispose();
    store.dispose();
    expect(disposed).toEqual(['a']);
    let fresh = false;
    store.forNode('a')(() => ((fresh = true), {}));
    expect(fresh).toBe(true);
  });

  it('disposes the others when one dispose throws, then reports the first failure', () => {
    const store = createRunMemory();
    const disposed: string[] = [];
    store.forNode('a')(() => ({
      dispose() {
        throw new Error('a broke');
      },
    }));
    store.forNode('b')(() => ({ dispose: () => disposed.push('b') }));
    expect(() => {
      store.dispose();
    }).toThrow('a broke');
    expect(disposed).toEqual(['b']);
  });
});
