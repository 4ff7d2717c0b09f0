/** Param descriptors several built-in layers declare alike (declarative, no tfjs). */
import type { BoolParam, IntParam } from '../../runtime/sdk/index.ts';

/** Output channels of a convolution (conv1d, conv2d), with the layer's own default. */
export const filtersParam = (def: number): IntParam => ({ kind: 'int', default: def, min: 1, max: 65536, log: true });

/** Whether a layer adds a learned bias (dense, conv1d, conv2d). */
export const useBiasParam: BoolParam = { kind: 'bool', default: true, label: 'Use bias' };
