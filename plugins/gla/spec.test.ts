import { describe, expect, it } from 'vitest';
import { InferError, makeFail, resolveParams, type PortValue } from '../../runtime/sdk/index.ts';
import { glaSpec } from './spec.ts';

function infer(stored: Record<string, unknown>, x: PortValue | undefined) {
  const r = resolveParams(glaSpec.params, stored);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return glaSpec.infer({ params: r.values, inputs: x ? { x } : {}, fail: makeFail() });
}

const x = (shape: (number | null)[]): PortValue => ({ kind: 'tensor', shape, dtype: 'float32' });

describe('gla spec', () => {
  it('infers [B, L, d] with unknown batch and length, and the spec weights', () => {
    const r = infer({ dModel: 64 }, x([null, null, 64]));
    expect(r.outputs.y).toEqual({ kind: 'tensor', shape: [null, null, 64], dtype: 'float32' });
    expect(r.flops).toBeUndefined();
    const w = r.weights!;
    expect(Object.keys(w)).toEqual(['W_q', 'W_k', 'W_v', 'W_a1', 'W_a2', 'b_a', 'W_r', 'b_r', 'W_o']);
    expect(w.W_q!.shape).toEqual([64, 32]);
    expect(w.W_a2!.shape).toEqual([16, 32]);
    expect(w.W_o!.shape).toEqual([64, 64]);
    expect(w.W_q!.init).toEqual({ kind: 'glorotUniform', gain: 2 ** -2.5 });
    expect(w.W_v!.init).toEqual({ kind: 'glorotUniform' });
    expect(w.b_a!.init).toEqual({ kind: 'zeros' });
    // About 4·d² weights with the defaults (spec §3).
    const total = Object.values(w).reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
    expect(total / (4 * 64 * 64)).toBeGreaterThan(0.9);
    expect(total / (4 * 64 * 64)).toBeLessThan(1.2);
  });

  it('gives FLOPs when the length is known', () => {
    expect(infer({ dModel: 8, numHeads: 2 }, x([null, 16, 8])).flops).toBeGreaterThan(0);
  });

  it('names the param or port at fault', () => {
    const fails = (stored: Record<string, unknown>, shape: (number | null)[]): InferError => {
      try {
        infer(stored, x(shape));
      } catch (e) {
        if (e instanceof InferError) return e;
        throw e;
      }
      throw new Error('expected an InferError');
    };
    expect(fails({ dModel: 8, numHeads: 3 }, [1, 4, 8]).target.param).toBe('numHeads');
    expect(fails({ dModel: 8, expandK: 0.3 }, [1, 4, 8]).target.param).toBe('expandK');
    expect(fails({ dModel: 8, chunkSize: 64, subChunkSize: 24 }, [1, 4, 8]).target.param).toBe('subChunkSize');
    const wrong = fails({ dModel: 8, numHeads: 2 }, [1, 4, 6]);
    expect(wrong.target).toEqual({ port: 'x', param: 'dModel' });
    expect(wrong.message).toContain('6');
  });

  it('marks chunkSize, subChunkSize and mode as implementation-only', () => {
    expect(glaSpec.params.chunkSize.implementation).toBe(true);
    expect(glaSpec.params.subChunkSize.implementation).toBe(true);
    expect(glaSpec.params.mode.implementation).toBe(true);
    expect(glaSpec.params.mode.default).toBe('chunk');
  });
});
