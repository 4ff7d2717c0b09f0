/**
 * The CLI's view of the terminal, injectable so commands run in-process in tests, and the one
 * line each problem prints as. Light on purpose: main.ts imports it for every command, `--help`
 * included.
 */
import { errorMessage, NetwrightError, type Diagnostic } from '../runtime/sdk/errors.ts';
import { withPluginHint } from './pluginHint.ts';

/** Output streams of a command. */
export interface CliIO {
  /** Results (diagnostic lines, JSON lines, summaries). */
  readonly out: (text: string) => void;
  /** Progress and notes. */
  readonly err: (text: string) => void;
  /** Whether `err` is a terminal (progress bar redrawn in place). */
  readonly isTTY: boolean;
  readonly columns: number;
}

/** The real process streams. */
export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: process.stderr.isTTY,
    columns: process.stderr.columns || 100,
  };
}

/**
 * An error as one line for `file`, without a stack: coded errors name their node/port, any
 * other error shows its message only (the first line: wasm errors can be huge).
 */
export function errorLine(file: string, e: unknown): string {
  if (e instanceof NetwrightError) {
    return formatDiagnostic(file, { code: e.code, severity: 'error', message: e.message, ...e.target });
  }
  const message = errorMessage(e);
  const first = message.split('\n')[0] ?? '';
  return `${file}: ${first.length > 300 ? `${first.slice(0, 300)}…` : first}`;
}

/**
 * One diagnostic as a line: `FILE: path/node/port: message`, warnings marked; a missing
 * plugin's line says to load it with `--plugin MODULE`.
 */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const d = withPluginHint(diagnostic);
  const where =
    d.path !== undefined && d.path !== ''
      ? d.path
      : [d.node, d.port ?? d.param].filter((p) => p !== undefined && p !== '').join('/');
  const severity = d.severity === 'warning' ? 'warning: ' : '';
  // Loader messages often start with their own path already; don't say it twice.
  const prefix = where !== '' && !d.message.startsWith(where) ? `${where}: ` : '';
  return `${file}: ${prefix}${severity}${d.message}`;
}
