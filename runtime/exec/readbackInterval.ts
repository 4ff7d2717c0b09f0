/**
 * The trainer's readback interval: steps run on the device one after another and what they
 * measured (loss, metrics, reports, gradient norm) waits there, until the interval ends and one
 * readback brings all of it back. An interval ends after `ms` milliseconds (the worker's progress
 * interval: the page would not show the numbers sooner) or `steps` steps (bounds what a GPU
 * queue holds), or when the trainer needs the numbers (an evaluation, a pause, a stop, the end).
 * Each interval keeps the values of every variable at its start, so that a non-finite loss found
 * at the readback can be replayed from there, step by step, to name the node.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { readPending, type PendingStep, type ReadStep } from './trainStep.ts';
import { snapshotVariables, type VariableSnapshot } from './variableSnapshot.ts';

/** When an interval ends. */
export interface ReadbackPolicy {
  /** Longest time between readbacks, in ms. */
  readonly ms: number;
  /** Most steps per readback (1: every step). */
  readonly steps: number;
}

/** The worker's progress interval: numbers read sooner would wait in its batcher anyway. */
export const DEFAULT_READBACK_MS = 100;
/** Enough to keep a GPU busy, few enough that a pause or stop lands soon. */
export const DEFAULT_READBACK_STEPS = 50;

/** What one readback gave. */
export interface IntervalRead {
  /** The steps up to the first with a non-finite loss (excluded), in order. */
  readonly finite: readonly ReadStep[];
  /** The first step whose loss is NaN or infinite, if any. */
  readonly nonFinite?: ReadStep;
  /** The first step of the interval (where a replay starts). */
  readonly firstStep: number;
  /** The values of the `extra` tensors, in order. */
  readonly extra: readonly number[];
}

/** Pending steps of the open interval and the variables' values at its start. */
export class ReadbackInterval {
  private pending: PendingStep[] = [];
  private snapshot: VariableSnapshot | undefined;
  /** Puts back what the optimiser keeps on the host, as it was at the interval's start. */
  private restoreHost: (() => void) | undefined;
  private lastRead: number;

  constructor(
    private readonly policy: ReadbackPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.lastRead = now();
  }

  /**
   * Call before each step: opens an interval when none is open, saving every variable and, with
   * `checkpoint` (an optimiser rule's), what the rule keeps on the host.
   */
  beforeStep(checkpoint?: () => () => void): void {
    if (this.snapshot) return;
    this.snapshot = snapshotVariables();
    this.restoreHost = checkpoint?.();
  }

  /** Adds a step that ran on the device. */
  add(step: PendingStep): void {
    this.pending.push(step);
  }

  /** Steps waiting for the readback. */
  get size(): number {
    return this.pending.length;
  }

  /** Whether the interval has run its time or its steps. */
  due(): boolean {
    return this.pending.length >= this.policy.steps || this.now() - this.lastRead >= this.policy.ms;
  }

  /**
   * Reads every pending step back in one readback, with the first element of each of `extra`.
   * Closes the interval unless a loss was non-finite (then {@link restore} goes back to its start).
   */
  async read(extra: readonly tfc.Tensor[] = []): Promise<IntervalRead> {
    const batch = this.pending;
    this.pending = [];
    const firstStep = batch[0]?.step ?? 0;
    const { steps, extra: values } = await readPending(batch, extra);
    this.lastRead = this.now();
    const bad = steps.findIndex((s) => !Number.isFinite(s.loss));
    if (bad < 0) {
      this.snapshot?.dispose();
      this.snapshot = undefined;
      this.restoreHost = undefined;
      return { finite: steps, firstStep, extra: values };
    }
    return { finite: steps.slice(0, bad), nonFinite: steps[bad]!, firstStep, extra: values };
  }

  /**
   * Gives every variable its value at the start of the interval, and the optimiser what it kept on
   * the host then; see {@link VariableSnapshot.restore}.
   */
  restore(): { readonly created: boolean } {
    const r = this.snapshot?.restore() ?? { created: false };
    this.restoreHost?.();
    return r;
  }

  /** Frees pending values and the saved variables. */
  dispose(): void {
    for (const p of this.pending) p.values.dispose();
    this.pending = [];
    this.snapshot?.dispose();
    this.snapshot = undefined;
    this.restoreHost = undefined;
  }
}
