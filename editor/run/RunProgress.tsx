/** Backend line, progress bar, throughput, ETA and the run's fault or notice. */
import type { RunSession } from './runSession.ts';
import { useRunSessionState } from './useRunSession.ts';

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function formatNumber(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4);
}

/** Props of {@link RunProgress}. */
export interface RunProgressProps {
  readonly session: RunSession;
}

/** Status of the engine and of the current run; the one part of the panel that re-renders per progress batch with the charts. */
export function RunProgress({ session }: RunProgressProps) {
  const state = useRunSessionState(session);
  const run = state.run;
  const fraction = run && run.totalSteps > 0 ? run.step / run.totalSteps : 0;
  const engineText = state.calibrating
    ? 'Auto is timing each backend on this graph (2 s at most)…'
    : state.engine === 'ready' && state.backend
      ? `${state.backend.name} — ${state.backend.reason}`
      : state.engine === 'starting'
        ? 'starting the engine…'
        : state.engine === 'crashed'
          ? 'engine stopped'
          : 'engine not started';
  return (
    <div className="nw-run-progress">
      <div className="nw-run-backend" data-testid="run-backend-status" data-backend={state.backend?.name ?? ''}>
        Backend: {engineText}
        {state.preference === 'auto' && !state.calibration && !state.calibrating && <span className="nw-run-hint"> (Auto times each backend on the graph when it first runs)</span>}
      </div>
      {state.notice && (
        <div className="nw-run-notice" role="status" data-testid="run-notice">
          {state.notice}
        </div>
      )}
      <progress max={1} value={fraction} data-testid="run-progress-bar" />
      <div className="nw-run-numbers" data-testid="run-status" data-phase={state.phase} data-step={run?.step ?? 0}>
        <span>{state.phase}</span>
        {run?.warmingUp && <span> · compiling shaders…</span>}
        {run && (
          <>
            <span data-testid="run-step">
              {' '}
              · step {run.step} / {run.totalSteps}
            </span>
            <span data-testid="run-throughput"> · {run.stepsPerSecond.toFixed(1)} steps/s</span>
            {(state.phase === 'running' || state.phase === 'paused') && <span> · ETA {formatSeconds(run.etaSeconds)}</span>}
            <span data-testid="run-loss"> · loss {formatNumber(run.lastLoss)}</span>
            {Object.entries(run.lastEval).map(([k, v]) => (
              <span key={k}>
                {' '}
                · eval {k} {formatNumber(v)}
              </span>
            ))}
            {run.warmUpMs !== undefined && <span> · warm-up {(run.warmUpMs / 1000).toFixed(1)} s</span>}
          </>
        )}
      </div>
      {state.fault && (
        <div className="nw-run-fault" role="alert" data-testid="run-fault" data-code={state.fault.code} data-node={state.fault.node ?? ''}>
          {state.fault.code}: {state.fault.message}
          {state.fault.node ? ` (node "${state.fault.node}")` : ''}
        </div>
      )}
    </div>
  );
}
