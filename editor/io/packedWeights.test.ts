import { describe, expect, it } from 'vitest';
import { packWeightFile } from '../../runtime/file/packedWeights.ts';
import { packedToJson } from './packedWeights.ts';

describe('packedToJson', () => {
  it('turns a packed weight file into the JSON form, tensors then state, in file order', () => {
    const bytes = packWeightFile({
      format: 'netwright.weights.bin',
      version: 1,
      graphHash: 'abc',
      tensors: {
        'h1/kernel': { shape: [2, 1], dtype: 'float32', data: Float32Array.from([0.1, -2.5]) },
        'h1/bias': { shape: [1], dtype: 'float32', data: Float32Array.from([3]) },
      },
      state: { 'bn/count': { shape: [1], dtype: 'int32', data: Int32Array.from([-7]) } },
    });
    const json = packedToJson(bytes);
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        format: 'netwright.weights',
        version: 1,
        graphHash: 'abc',
        tensors: {
          'h1/kernel': { shape: [2, 1], dtype: 'float32', data: [Math.fround(0.1), -2.5] },
          'h1/bias': { shape: [1], dtype: 'float32', data: [3] },
        },
        state: { 'bn/count': { shape: [1], dtype: 'int32', data: [-7] } },
      }),
    );
  });

  it('refuses bytes that are not a weight file, or cut short, saying why', () => {
    expect(() => packedToJson(new TextEncoder().encode('{"format":"netwright.weights"}'))).toThrow(/does not start with NWW1/);
    const whole = packWeightFile({ format: 'netwright.weights.bin', version: 1, graphHash: 'abc', tensors: { 'h1/bias': { shape: [2], dtype: 'float32', data: Float32Array.from([1, 2]) } } });
    expect(() => packedToJson(whole.subarray(0, whole.length - 4))).toThrow(/entry h1\/bias runs past the end of the file/);
  });
});
