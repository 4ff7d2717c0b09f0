import { describe, expect, it } from 'vitest';
import { checkParam, type ParamDescriptor } from './params.ts';
import { definePlugin, type PluginSpec } from './plugin.ts';
import { tensorValue } from './ports.ts';
import { fakeLayer } from '../../test/support/fakePlugins/spec/builders.ts';

/** A valid layer with `params`; `extra` is spread over it (to add what definePlugin must refuse). */
function layer(params: Record<string, unknown>, extra: Record<string, unknown> = {}): PluginSpec {
  return {
    ...fakeLayer({ id: 'acme.probe', title: 'Probe', doc: 'y = x' }),
    params: params as PluginSpec['params'],
    infer: ({ inputs }) => ({ outputs: { y: inputs.x ?? tensorValue([1]) } }),
    ...extra,
  };
}

const define = (params: Record<string, unknown>, extra?: Record<string, unknown>) => () => definePlugin(layer(params, extra));

describe('definePlugin is strict', () => {
  it('accepts a well-formed spec and the optional torch emitter key', () => {
    expect(define({ alpha: { kind: 'float', default: 1, min: 0.01, max: 100, log: true } })).not.toThrow();
    expect(define({}, { torch: { module: 'x' } })).not.toThrow();
  });

  it('refuses an unknown param kind, naming plugin, param and the kinds there are', () => {
    expect(define({ alpha: { kind: 'number', default: 1 } })).toThrow(
      'plugin "acme.probe": param "alpha" has unknown kind "number" (one of int, float, enum, bool, ints, text)',
    );
  });

  it('refuses unknown keys on the spec, a port and a param', () => {
    expect(define({}, { defaults: {} })).toThrow(/plugin "acme\.probe": unknown key\(s\) "defaults"/);
    expect(define({}, { inputs: { x: { kind: 'tensor', shape: [2] } } })).toThrow(/input "x" has unknown key\(s\) "shape"/);
    expect(define({ units: { kind: 'int', default: 4, minimum: 1 } })).toThrow(/param "units" has unknown key\(s\) "minimum" \(a int param may have/);
    expect(define({ on: { kind: 'bool', default: true, max: 1 } })).toThrow(/param "on" has unknown key\(s\) "max"/);
  });

  it('refuses inconsistent descriptors, naming the param', () => {
    expect(define({ a: { kind: 'float', default: 1, min: 5, max: 2 } })).toThrow(/param "a" "min" 5 is greater than "max" 2/);
    expect(define({ a: { kind: 'float', default: 200, min: 0, max: 100 } })).toThrow(/param "a" default 200 must be <= 100/);
    expect(define({ a: { kind: 'int', default: 2, min: 0.5 } })).toThrow(/param "a" "min" must be an integer/);
    expect(define({ a: { kind: 'enum', default: 'x', options: ['x', 'x'] } })).toThrow(/param "a" "options" lists a value twice/);
    expect(define({ a: { kind: 'enum', options: [] } })).toThrow(/param "a" "options" must be a non-empty list/);
    expect(define({ a: { kind: 'ints', default: [1, 2], length: 3 } })).toThrow(/param "a" default \[1,2\] must have exactly 3 entries/);
    expect(define({ a: { kind: 'text', default: 'ab', maxLength: -1 } })).toThrow(/param "a" "maxLength" must be a non-negative integer/);
    expect(define({ a: { kind: 'float', default: 1 } }, { keyParams: ['b'] })).toThrow(/keyParams names "b", which is not a param/);
    expect(define({}, { category: 'misc' })).toThrow(/category "misc" is not one of/);
  });
});

describe('checkParam', () => {
  it('refuses every value for a descriptor of unknown kind instead of accepting it unchecked', () => {
    const d = { kind: 'number', default: 1 } as unknown as ParamDescriptor;
    expect(checkParam(d, 'banana')).toMatch(/unknown kind "number"/);
    expect(checkParam(d, 1e9)).toMatch(/unknown kind "number"/);
  });
});
