/**
 * Training progress for the terminal: a one-line bar with ETA redrawn in place on a TTY,
 * a line per tenth of the run otherwise, or one JSON object per line with `--json`.
 */
import type { Metrics, ProgressEvent } from '../runtime/exec/trainTypes.ts';

/** Where progress goes. */
export interface ProgressSink {
  readonly isTTY: boolean;
  readonly columns: number;
  readonly write: (text: string) => void;
}

/** Formats a duration as `1m05s` / `12s`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const r = Math.max(0, Math.round(s));
  return r >= 60 ? `${Math.floor(r / 60)}m${String(r % 60).padStart(2, '0')}s` : `${r}s`;
}

function num(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : v.toPrecision(4);
}

/** Metrics as `loss 0.1234 acc 0.9900`. */
export function formatMetrics(m: Metrics): string {
  return Object.entries(m)
    .map(([k, v]) => `${k} ${num(v)}`)
    .join('  ');
}

/** One progress line for a step. */
export function stepLine(e: Extract<ProgressEvent, { event: 'step' }>, width: number): string {
  const frac = e.step / e.totalSteps;
  const barWidth = Math.max(10, Math.min(30, width - 90));
  const filled = Math.round(frac * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  const metrics = Object.entries(e.metrics)
    .map(([k, v]) => ` ${k} ${num(v)}`)
    .join('');
  const line = `${bar} ${e.step}/${e.totalSteps} loss ${num(e.loss)}${metrics} lr ${num(e.lr)} ${e.stepsPerSecond.toFixed(1)} it/s ETA ${formatSeconds(e.etaSeconds)}`;
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}

/** A progress callback writing to `out` (TTY bar or plain lines) or JSON lines. */
export function progressPrinter(out: ProgressSink, json: boolean): (e: ProgressEvent) => void {
  let lastDraw = 0;
  let lastTenth = -1;
  let barShown = false;
  const clearBar = (): void => {
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
  };
  return (e) => {
    if (json) {
      out.write(`${JSON.stringify(e)}\n`);
      return;
    }
    if (e.event === 'step') {
      if (out.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && e.step < e.totalSteps) return;
        lastDraw = now;
        out.write(`\r\x1b[2K${stepLine(e, out.columns)}`);
        barShown = true;
        return;
      }
      const tenth = Math.floor((e.step * 10) / e.totalSteps);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        out.write(`${stepLine(e, 200)}\n`);
      }
    } else if (e.event === 'eval') {
      clearBar();
      out.write(`eval @ ${e.step}: ${formatMetrics(e.metrics)}\n`);
    } else if (e.event === 'start') {
      out.write(`training ${e.totalSteps} steps, batch ${e.batchSize}, seed ${e.seed} on ${e.backend}\n`);
    } else {
      clearBar();
      const how = e.stopped ? 'stopped' : 'done';
      out.write(`${how} after ${e.steps} steps in ${formatSeconds(e.seconds)}: ${formatMetrics(e.metrics)}\n`);
    }
  };
}
