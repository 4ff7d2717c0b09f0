import type { DType, Shape } from './shape.ts';

/**
 * Kinds of value that flow along an edge. Only ports of the same kind connect.
 * - `tensor`: a tensor of a known rank and dtype (batch axes may be unknown).
 * - `schedule`: a per-step learning-rate schedule, fixed before a run starts.
 */
export type PortKind = 'tensor' | 'schedule';

/** Rank constraint of a tensor port: an exact rank, or an inclusive range. */
export type RankConstraint = number | { readonly min?: number; readonly max?: number };

/** Declaration of one input or output port in a plugin spec. */
export interface PortSpec {
  readonly kind: PortKind;
  /** Tensor ports: the ranks accepted (inputs) or produced (outputs). */
  readonly rank?: RankConstraint;
  /** Tensor ports: the dtype accepted or produced; `any` accepts both. Defaults to `float32`. */
  readonly dtype?: DType | 'any';
  /** An optional input may stay unconnected. Outputs ignore this. */
  readonly optional?: boolean;
  /** Short text shown on hover. */
  readonly doc?: string;
}

/** What an output port carries, as inferred for one node. */
export type PortValue =
  | {
      readonly kind: 'tensor';
      readonly shape: Shape;
      readonly dtype: DType;
      /**
       * For int32 class ids: how many classes the producer knows there are (values in
       * 0..classes-1), so a loss can check the width of its logits before a run. Only data
       * nodes set it; any other node passes it on only if it says so itself.
       */
      readonly classes?: number;
    }
  | { readonly kind: 'schedule' };

/** Convenience constructor for tensor port values. */
export function tensorValue(shape: Shape, dtype: DType = 'float32'): PortValue {
  return { kind: 'tensor', shape, dtype };
}

/** Int32 class ids of `shape` with values in 0..classes-1 (see `classes` on {@link PortValue}). */
export function classIdsValue(shape: Shape, classes: number): PortValue {
  return { kind: 'tensor', shape, dtype: 'int32', classes };
}

/** Whether a rank satisfies a constraint. */
export function rankMatches(rank: number, c: RankConstraint | undefined): boolean {
  if (c === undefined) return true;
  if (typeof c === 'number') return rank === c;
  return (c.min === undefined || rank >= c.min) && (c.max === undefined || rank <= c.max);
}

/** A rank constraint as text: `2`, `>= 3`, `2..4`. */
export function formatRank(c: RankConstraint | undefined): string {
  if (c === undefined) return 'any';
  if (typeof c === 'number') return String(c);
  if (c.min !== undefined && c.max !== undefined) return `${c.min}..${c.max}`;
  if (c.min !== undefined) return `>= ${c.min}`;
  return c.max !== undefined ? `<= ${c.max}` : 'any';
}

/**
 * Checks that a value produced by an output may feed an input port.
 * @returns why not, or `undefined` when it may.
 */
export function checkPortValue(spec: PortSpec, value: PortValue): string | undefined {
  if (spec.kind !== value.kind) return `expects a ${spec.kind} but gets a ${value.kind}`;
  if (value.kind !== 'tensor') return undefined;
  if (!rankMatches(value.shape.length, spec.rank)) {
    return `expects rank ${formatRank(spec.rank)} but gets rank ${value.shape.length}`;
  }
  const dtype = spec.dtype ?? 'float32';
  if (dtype !== 'any' && dtype !== value.dtype) return `expects ${dtype} but gets ${value.dtype}`;
  return undefined;
}

/**
 * Checks whether two port declarations can ever be connected (used while dragging a link,
 * before shapes are known).
 */
export function portsConnectable(out: PortSpec, input: PortSpec): string | undefined {
  if (out.kind !== input.kind) return `a ${out.kind} output cannot feed a ${input.kind} input`;
  if (out.kind !== 'tensor') return undefined;
  const od = out.dtype ?? 'float32';
  const id = input.dtype ?? 'float32';
  if (od !== 'any' && id !== 'any' && od !== id) return `a ${od} output cannot feed a ${id} input`;
  return undefined;
}
