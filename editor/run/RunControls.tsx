/** Backend choice, run settings and the run / pause / resume / stop buttons. */
import { memo, useEffect, useRef, useState } from 'react';
import type { BackendPreference } from '../../workers/engineApi.ts';
import type { RunOverrides, RunPhase } from './runSession.ts';

const BACKENDS: readonly { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'Auto (fastest here)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'CPU' },
];

/** Props of {@link RunControls}. */
export interface RunControlsProps {
  readonly phase: RunPhase;
  readonly preference: BackendPreference;
  /** True while Auto times the backends (the controls wait for it). */
  readonly calibrating: boolean;
  /** True while the worker profiles the graph (the controls wait for it too). */
  readonly profiling?: boolean;
  readonly onPreference: (p: BackendPreference) => void;
  /** Auto only: time the backends on the graph again. */
  readonly onRecalibrate: () => void;
  readonly onRun: (overrides: RunOverrides) => void;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onStop: () => void;
  /**
   * Bumped from outside (Ctrl+Enter, the dock's Run) to press Run with the fields as they are;
   * a request made while busy waits until the controls are free.
   */
  readonly runRequest?: number;
  /**
   * True while the graph in the editor computes something else than the running one (a param,
   * a link, a node changed): the restart button offers to train it as it is now.
   */
  readonly graphChanged?: boolean;
}

function parseOptionalInt(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The control row of the run panel (re-renders when the phase or the choice changes, not per progress batch). */
export const RunControls = memo(function RunControls({ phase, preference, calibrating, profiling = false, onPreference, onRecalibrate, onRun, onPause, onResume, onStop, runRequest = 0, graphChanged = false }: RunControlsProps) {
  const [seed, setSeed] = useState('');
  const [steps, setSteps] = useState('');
  // The seed and steps fields as the current run started with them (Tweak and watch).
  const [started, setStarted] = useState({ seed: '', steps: '' });
  const active = phase === 'running' || phase === 'paused' || phase === 'stopping';
  const busy = active || phase === 'compiling' || phase === 'starting' || calibrating || profiling;
  // Seed and steps stay editable while a run trains: a change offers a restart with it.
  const fieldsLocked = busy && phase !== 'running' && phase !== 'paused';
  const stepsValue = parseOptionalInt(steps);
  const seedValue = parseOptionalInt(seed);
  const run = (): void => {
    setStarted({ seed, steps });
    onRun({ ...(seedValue !== undefined ? { seed: seedValue } : {}), ...(stepsValue !== undefined && stepsValue > 0 ? { steps: stepsValue } : {}) });
  };
  const handled = useRef(0);
  const restartPending = useRef(false);
  const latestRun = useRef(run);
  latestRun.current = run;
  useEffect(() => {
    if (busy) return;
    if (runRequest <= handled.current && !restartPending.current) return;
    handled.current = runRequest;
    restartPending.current = false;
    latestRun.current();
  }, [runRequest, busy]);
  const fieldsChanged = (phase === 'running' || phase === 'paused') && (seed !== started.seed || steps !== started.steps);
  const restart = (): void => {
    restartPending.current = true;
    onStop();
  };
  return (
    <div className="nw-run-controls">
      <label>
        Backend{' '}
        <select data-testid="run-backend" value={preference} disabled={busy} onChange={(e) => {
            onPreference(e.target.value as BackendPreference);
          }}>
          {BACKENDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      {preference === 'auto' && (
        <button type="button" data-testid="run-recalibrate" disabled={busy} onClick={onRecalibrate} title="Time each backend on this graph again and keep the fastest (Auto remembers its choice per graph and device)">
          Recalibrate
        </button>
      )}
      <label title="Seed of weight init and node randomness (blank: the optimiser's)">
        Seed <input data-testid="run-seed" size={6} inputMode="numeric" value={seed} placeholder="graph" disabled={fieldsLocked} onChange={(e) => {
            setSeed(e.target.value);
          }} />
      </label>
      <label title="Optimiser steps (blank: the optimiser's)">
        Steps <input data-testid="run-steps" size={7} inputMode="numeric" value={steps} placeholder="graph" disabled={fieldsLocked} onChange={(e) => {
            setSteps(e.target.value);
          }} />
      </label>
      <button
        type="button"
        data-testid="run-start"
        disabled={busy}
        title="Ctrl+Enter"
        onClick={run}
      >
        ▶ Run
      </button>
      {phase === 'paused' ? (
        <button type="button" data-testid="run-resume" onClick={onResume}>
          ⏵ Resume
        </button>
      ) : (
        <button type="button" data-testid="run-pause" disabled={phase !== 'running'} onClick={onPause}>
          ⏸ Pause
        </button>
      )}
      <button type="button" data-testid="run-stop" disabled={phase !== 'running' && phase !== 'paused'} onClick={onStop}>
        ■ Stop
      </button>
      {(fieldsChanged || graphChanged) && (
        // One button for every change (graph, seed, steps): the new run takes them all as they are now.
        <button
          type="button"
          className="nw-run-restart"
          data-testid={graphChanged ? 'run-restart-graph' : 'run-restart'}
          title={`Stop this run and train ${graphChanged ? 'the graph' : 'it'} with the seed and steps as they are now; its curves stay as a ghost`}
          onClick={restart}
        >
          ↻ Restart with this change
        </button>
      )}
    </div>
  );
});
