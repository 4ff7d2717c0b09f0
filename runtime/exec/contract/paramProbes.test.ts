import { describe, expect, it } from 'vitest';
import { checkParam, tensorValue, type AnyPluginSpec, type ParamDescriptor } from '../../sdk/index.ts';
import { paramProbes } from './paramProbes.ts';
import { checkParams } from './specChecks.ts';
import { fakeLayer } from '../../../test/support/fakePlugins/spec/builders.ts';

const descriptors: Record<string, ParamDescriptor> = {
  int: { kind: 'int', default: 4, min: 1, max: 64 },
  float: { kind: 'float', default: 1, min: 0.01, max: 100 },
  enum: { kind: 'enum', default: 'a', options: ['a', 'b'] },
  bool: { kind: 'bool', default: true },
  ints: { kind: 'ints', default: [2, 2], length: 2, min: 1, max: 8 },
  text: { kind: 'text', default: 'x', maxLength: 4 },
};

/** A spec built without definePlugin (as a module may hand one to a host). */
function rawSpec(params: Record<string, unknown>): AnyPluginSpec {
  return {
    ...fakeLayer({ id: 'acme.raw', title: 'Raw', doc: 'y = x' }),
    params: params as AnyPluginSpec['params'],
    infer: () => ({ outputs: { y: tensorValue([1]) } }),
  };
}

describe('param probes', () => {
  it('covers wrong types and both bounds of every kind, and the SDK validators refuse them all', () => {
    for (const [kind, d] of Object.entries(descriptors)) {
      const probes = paramProbes(d);
      expect(probes.length, kind).toBeGreaterThanOrEqual(2);
      for (const p of probes) expect(checkParam(d, p.value), `${kind}: ${p.what}`).toBeDefined();
    }
    expect(paramProbes(descriptors.float!).map((p) => p.value)).toEqual(expect.arrayContaining([-0.99, 200, 'banana']));
  });

  it('fails the params check of a spec whose param has an unknown kind, naming the param', () => {
    const r = checkParams(rawSpec({ alpha: { kind: 'number', default: 1, min: 0.01, max: 100 } }));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/param "alpha" has unknown kind "number"/);
    expect(checkParams(rawSpec(descriptors)).ok).toBe(true);
  });
});
