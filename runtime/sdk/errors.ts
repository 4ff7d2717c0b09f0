/**
 * Coded, actionable errors. Every message names the place involved: a node, port, param or
 * file path. Codes are stable and documented in docs/errors.md.
 */

/** Where a diagnostic points. All fields optional; the more, the better. */
export interface DiagnosticTarget {
  readonly node?: string;
  readonly port?: string;
  readonly param?: string;
  /** JSON path inside a file, like `nodes.d1.params.units`. */
  readonly path?: string;
}

/** Severity of a diagnostic. Errors block compiling; warnings do not. */
export type Severity = 'error' | 'warning';

/** A problem found in a graph or a file. Plain data: safe to send across a worker boundary. */
export interface Diagnostic extends DiagnosticTarget {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** A one-click repair the editor may offer beside the message. */
  readonly fix?: DiagnosticFix;
}

/**
 * A repair an `infer` check can offer: set params on the node that feeds one of the node's
 * inputs (a loss told it gets 64 classes where its target has 2 offers "2 units" on the layer
 * feeding its `pred`). The editor offers it only when that producer has every one of the params
 * and accepts the values; applying it is one undoable edit.
 */
export interface DiagnosticFix {
  /** What the repair does, short: `2 units, no activation`. */
  readonly label: string;
  /** The input port whose producer the repair edits. */
  readonly upstreamOf: string;
  /** Param values to set on that producer. */
  readonly params: Readonly<Record<string, number | boolean | string | readonly number[]>>;
}

/** Thrown by `infer` to report a problem that names a port or param. */
export class InferError extends Error {
  readonly target: DiagnosticTarget;
  readonly fix: DiagnosticFix | undefined;
  constructor(message: string, target: DiagnosticTarget = {}, fix?: DiagnosticFix) {
    super(message);
    this.name = 'InferError';
    this.target = target;
    this.fix = fix;
  }
}

/**
 * A failure as plain data: what crosses the engine worker's boundary, what the run panel shows
 * and what a stored run keeps. {@link failureOf} makes one from a thrown value and
 * {@link NetwrightError.fromFailure} turns one back into an error.
 */
export interface Failure {
  /** Stable code (docs/errors.md). */
  readonly code: string;
  readonly message: string;
  readonly node?: string;
  readonly port?: string;
  /** The training step in progress when it happened, when known. */
  readonly step?: number;
}

/** An error carrying a stable code; the CLI prints its message without a stack trace. */
export class NetwrightError extends Error {
  readonly code: string;
  readonly target: DiagnosticTarget;
  /** The training step in progress when it was raised, when known (the trainer sets it). */
  readonly step?: number;
  constructor(code: string, message: string, target: DiagnosticTarget = {}, step?: number) {
    super(message);
    this.name = 'NetwrightError';
    this.code = code;
    this.target = target;
    if (step !== undefined) this.step = step;
  }

  /** The error a {@link Failure} describes (on the far side of the worker boundary). */
  static fromFailure(f: Failure): NetwrightError {
    const target = { ...(f.node !== undefined ? { node: f.node } : {}), ...(f.port !== undefined ? { port: f.port } : {}) };
    return new NetwrightError(f.code, f.message, target, f.step);
  }

  /** This error as plain data: code, message, node, port and step. */
  toFailure(): Failure {
    const { node, port } = this.target;
    return {
      code: this.code,
      message: this.message,
      ...(node !== undefined ? { node } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(this.step !== undefined ? { step: this.step } : {}),
    };
  }
}

/**
 * `e` with the training step it happened at: a {@link NetwrightError} that names no step yet is
 * copied with `step` set; anything else is returned as it is.
 */
export function atStep(e: unknown, step: number): unknown {
  if (!(e instanceof NetwrightError) || e.step !== undefined) return e;
  const stepped = new NetwrightError(e.code, e.message, e.target, step);
  if (e.stack !== undefined) stepped.stack = e.stack;
  return stepped;
}

/** The message of a thrown value: an `Error`'s message, anything else as a string. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A thrown value as a {@link Failure}: a {@link NetwrightError} keeps its code, node, port and
 * step; anything else gets `fallbackCode` and its message.
 */
export function failureOf(e: unknown, fallbackCode: string): Failure {
  if (e instanceof NetwrightError) return e.toFailure();
  return { code: fallbackCode, message: errorMessage(e) };
}
