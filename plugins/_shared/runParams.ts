/**
 * The params every optimiser node shares: its learning rate and the run settings it gives the
 * trainer (declarative, no tfjs). Each optimiser spreads these into its own params.
 */
import type { FloatParam, IntParam, ParamValues, PortSpec } from '../../runtime/sdk/index.ts';

/** Shared run params; `defaultLr` differs by optimiser (SGD wants larger steps than Adam). */
export function runParams(defaultLr: number): {
  lr: FloatParam;
  steps: IntParam;
  batchSize: IntParam;
  seed: IntParam;
  evalEvery: IntParam;
  clipNorm: FloatParam;
} {
  return {
    lr: {
      kind: 'float',
      default: defaultLr,
      min: 1e-6,
      max: 10,
      log: true,
      label: 'Learning rate',
      doc: 'Constant learning rate; a schedule wired to the "lr" input replaces it.',
    },
    steps: {
      kind: 'int',
      default: 1000,
      min: 1,
      max: 10_000_000,
      log: true,
      doc: 'Optimiser steps in a run.',
    },
    batchSize: { kind: 'int', default: 32, min: 1, max: 65536, log: true, label: 'Batch size' },
    seed: {
      kind: 'int',
      default: 0,
      min: 0,
      max: 2 ** 31 - 1,
      doc: 'Seed of weight init, dropout and other node randomness.',
    },
    evalEvery: {
      kind: 'int',
      default: 100,
      min: 0,
      max: 1_000_000,
      label: 'Eval every',
      doc: 'Evaluate on the eval split every this many steps (0 = only at the end).',
    },
    clipNorm: {
      kind: 'float',
      default: 0,
      min: 0,
      max: 1000,
      label: 'Clip norm',
      doc: 'Rescale gradients so their global L2 norm is at most this (0 = off).',
    },
  };
}

/** The ports every optimiser has: the scalar loss to minimise and an optional schedule. */
export const optimiserInputs: Readonly<Record<string, PortSpec>> = {
  loss: { kind: 'tensor', rank: 0, doc: 'The scalar loss to minimise.' },
  lr: { kind: 'schedule', optional: true, doc: 'Learning rate per step; replaces the "lr" param.' },
};

/** Shared run params, resolved. */
export type RunParamValues = ParamValues<ReturnType<typeof runParams>>;
