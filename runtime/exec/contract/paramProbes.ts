/**
 * Values every param's validator must refuse: one of each wrong type, and values just outside
 * each declared bound. The contract's `params` check resolves a node holding each of them and
 * fails when one is accepted, so a descriptor whose validator lets `"banana"` or `1e9` through
 * cannot pass.
 */
import type { ParamDescriptor } from '../../sdk/index.ts';

/** A value a validator must refuse, and what makes it wrong (for the message). */
export interface ParamProbe {
  readonly value: unknown;
  readonly what: string;
}

function beyond(bound: number, direction: -1 | 1): number {
  return bound + direction * Math.max(1, Math.abs(bound));
}

function numberProbes(d: { readonly kind: 'int' | 'float'; readonly min?: number; readonly max?: number; readonly default?: number }): ParamProbe[] {
  const out: ParamProbe[] = [
    { value: 'banana', what: 'text' },
    { value: true, what: 'a boolean' },
    { value: Number.NaN, what: 'NaN' },
    { value: Number.POSITIVE_INFINITY, what: 'Infinity' },
  ];
  if (d.min !== undefined) out.push({ value: beyond(d.min, -1), what: 'below min' });
  if (d.max !== undefined) out.push({ value: beyond(d.max, 1), what: 'above max' });
  if (d.kind === 'int') out.push({ value: (d.default ?? d.min ?? 0) + 0.5, what: 'not an integer' });
  return out;
}

function intsProbes(d: Extract<ParamDescriptor, { kind: 'ints' }>): ParamProbe[] {
  const ok = d.min ?? (d.max !== undefined ? Math.min(0, d.max) : 1);
  const len = d.length ?? d.minLength ?? 1;
  const out: ParamProbe[] = [
    { value: '1,2', what: 'text' },
    { value: Array.from({ length: Math.max(1, len) }, () => 1.5), what: 'non-integer entries' },
  ];
  if (d.min !== undefined) out.push({ value: Array.from({ length: Math.max(1, len) }, () => beyond(d.min!, -1)), what: 'entries below min' });
  if (d.max !== undefined) out.push({ value: Array.from({ length: Math.max(1, len) }, () => beyond(d.max!, 1)), what: 'entries above max' });
  const tooLong = d.length ?? d.maxLength;
  if (tooLong !== undefined) out.push({ value: Array.from({ length: tooLong + 1 }, () => ok), what: 'too many entries' });
  return out;
}

/** The values `d`'s validator must refuse (an unknown kind gets the wrong-type probes of every kind). */
export function paramProbes(d: ParamDescriptor): ParamProbe[] {
  switch (d.kind) {
    case 'int':
    case 'float':
      return numberProbes(d);
    case 'bool':
      return [
        { value: 'true', what: 'text' },
        { value: 1, what: 'a number' },
      ];
    case 'enum':
      return [
        { value: `${d.options.join('')}-not-an-option`, what: 'a string that is not an option' },
        { value: 1, what: 'a number' },
      ];
    case 'ints':
      return intsProbes(d);
    case 'text': {
      const out: ParamProbe[] = [{ value: 42, what: 'a number' }];
      if (d.maxLength !== undefined) out.push({ value: 'x'.repeat(d.maxLength + 1), what: 'longer than maxLength' });
      return out;
    }
    default:
      return [
        { value: 'banana', what: 'text' },
        { value: 1e9, what: 'a huge number' },
      ];
  }
}
