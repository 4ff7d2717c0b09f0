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
}

/** Thrown by `infer` to report a problem that names a port or param. */
export class InferError extends Error {
  readonly target: DiagnosticTarget;
  constructor(message: string, target: DiagnosticTarget = {}) {
    super(message);
    this.name = 'InferError';
    this.target = target;
  }
}

/** An error carrying a stable code; the CLI prints its message without a stack trace. */
export class NetwrightError extends Error {
  readonly code: string;
  readonly target: DiagnosticTarget;
  constructor(code: string, message: string, target: DiagnosticTarget = {}) {
    super(message);
    this.name = 'NetwrightError';
    this.code = code;
    this.target = target;
  }
}
