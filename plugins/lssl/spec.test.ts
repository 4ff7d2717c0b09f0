import { describe, expect, it } from 'vitest';
import { InferError, makeFail, resolveParams, type PortValue } from '../../runtime/sdk/index.ts';
import { lsslSpec } from './spec.ts';

function infer(stored: Record<string, unknown>, shape: (number | null)[]) {
  const r = resolveParams(lsslSpec.params, stored);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const x: PortValue = { kind: 'tensor', shape, dtype: 'float32' };
  return lsslSpec.infer({ params: r.values, inputs: { x }, fail: makeFail() });
}

describe('lssl spec', () => {
  it('infers the output width and the weights with their trainability', () => {
    const r = infer({ dModel: 4, timescales: 2, channels: 3, stateSize: 8 }, [null, null, 4]);
    expect(r.outputs.y).toEqual({ kind: 'tensor', shape: [null, null, 4], dtype: 'float32' });
    const w = r.weights!;
    expect(w.A).toMatchObject({ shape: [8, 8], trainable: false, init: { kind: 'custom' } });
    expect(w.B).toMatchObject({ shape: [8], trainable: false });
    expect(w.log_dt).toMatchObject({ shape: [4, 2], trainable: true });
    expect(w.C!.shape).toEqual([4, 2, 3, 8]);
    expect(w.D!.shape).toEqual([4, 2, 3]);
    expect(w.W_out!.shape).toEqual([24, 4]);
    expect(w.b_out!.shape).toEqual([4]);
  });

  it('follows learnA, learnDt and dOut', () => {
    const w = infer({ dModel: 2, dOut: 5, learnA: true, learnDt: false, stateSize: 4 }, [1, 10, 2]);
    expect(w.outputs.y).toMatchObject({ shape: [1, 10, 5] });
    expect(w.weights!.A!.trainable).toBe(true);
    expect(w.weights!.B!.trainable).toBe(true);
    expect(w.weights!.log_dt!.trainable).toBe(false);
    expect(w.flops).toBeGreaterThan(0);
  });

  it('names the port or param at fault', () => {
    const fails = (stored: Record<string, unknown>, shape: (number | null)[]): InferError => {
      try {
        infer(stored, shape);
      } catch (e) {
        if (e instanceof InferError) return e;
        throw e;
      }
      throw new Error('expected an InferError');
    };
    expect(fails({ dModel: 3 }, [1, 5, 4]).target).toEqual({ port: 'x', param: 'dModel' });
    expect(fails({ dModel: 3, dtMin: 0.5, dtMax: 0.1 }, [1, 5, 3]).target.param).toBe('dtMin');
  });
});
