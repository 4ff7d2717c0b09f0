/** Param descriptors and ports the built-in data plugins share (declarative, no tfjs). */
import type { FloatParam, IntParam, PortSpec } from '../../runtime/sdk/index.ts';
import { tensorPort, type TensorPortFields } from './ports.ts';

/** The outputs of a classification data source: examples `x` and their int32 class ids `y [?]`. */
export function classDataOutputs(x: TensorPortFields, yDoc: string): { readonly x: PortSpec; readonly y: PortSpec } {
  return { x: tensorPort(x), y: tensorPort({ rank: 1, dtype: 'int32', doc: yDoc }) };
}

/** Number of examples generated (train + eval). */
export const samplesParam = (def: number, max = 1_000_000): IntParam => ({
  kind: 'int',
  default: def,
  min: 10,
  max,
  log: true,
  doc: 'Examples generated in all (train + eval).',
});

/** Fraction held out for evaluation. */
export const evalSplitParam: FloatParam = {
  kind: 'float',
  default: 0.2,
  min: 0,
  max: 0.9,
  step: 0.05,
  label: 'Eval split',
  doc: 'Fraction of examples held out for evaluation (stratified by class where there are classes).',
};

/** Seed of the generator, the split and the per-epoch shuffles. */
export const dataSeedParam: IntParam = {
  kind: 'int',
  default: 1,
  min: 0,
  max: 2 ** 31 - 1,
  doc: 'Same seed, same examples, same split, same batch order.',
};
