/**
 * Reads that hooks ask for with `ctx.read`: the tensors are copied when asked, read back
 * asynchronously together when the trainer settles the queue, and each continuation then runs
 * inside `tf.tidy`, in the order asked (a continuation may ask again; those run after it).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { HostValues } from '../lower/lowering.ts';
import { tf } from './tf.ts';

interface PendingRead {
  /** Copies owned by the read. */
  readonly tensors: readonly tfc.Tensor[];
  readonly then: (values: readonly HostValues[]) => void;
  /** Wraps an error of the continuation (e.g. to name the node and hook). */
  readonly fail: (e: unknown) => Error;
}

/** A queue of asynchronous reads; see the module comment. */
export class HostReadQueue {
  private pending: PendingRead[] = [];

  /** Copies `tensors` and queues `then` for their values. */
  read(tensors: readonly tfc.Tensor[], then: (values: readonly HostValues[]) => void, fail: (e: unknown) => Error = (e) => (e instanceof Error ? e : new Error(String(e)))): void {
    this.pending.push({ tensors: tensors.map((t) => tf.keep(tf.clone(t))), then, fail });
  }

  /** Reads every queued tensor and runs the continuations, until none is left. */
  async settle(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const next = this.pending.shift()!;
        let values: HostValues[];
        try {
          values = await Promise.all(next.tensors.map((t) => t.data() as Promise<HostValues>));
        } finally {
          tf.dispose([...next.tensors]);
        }
        try {
          tf.tidy(() => {
            next.then(values);
          });
        } catch (e) {
          throw next.fail(e);
        }
      }
    } finally {
      this.dispose();
    }
  }

  /** Drops every queued read (after a failure), freeing its copies. */
  dispose(): void {
    for (const r of this.pending.splice(0)) tf.dispose([...r.tensors]);
  }
}
