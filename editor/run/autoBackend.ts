/**
 * The Auto backend for a run: the choice remembered for the graph on this device, or a new
 * calibration (the worker times a few training steps on each backend and switches to the
 * fastest), which is then remembered. The session applies the result to its state.
 */
import type { BackendChoice, ExecutionPlan } from '../../workers/engineApi.ts';
import type { CalibrationMemory, RememberedCalibration } from './calibrationMemory.ts';
import type { EngineClient } from './engineClient.ts';

/** A calibration as the panel shows it. */
export interface ShownCalibration extends RememberedCalibration {
  /** True when it was remembered from an earlier run instead of measured now. */
  readonly remembered: boolean;
}

/** What {@link autoBackend} chose. */
export interface AutoChoice {
  readonly backend: BackendChoice;
  readonly calibration: ShownCalibration;
}

/** Options of {@link autoBackend}. */
export interface AutoBackendOptions {
  readonly memory: CalibrationMemory;
  /** This device's key (the worker's `deviceKey`). */
  readonly device: string;
  /** The backend the engine runs on now. */
  readonly current?: BackendChoice;
  /** Time the backends even when a choice is remembered. */
  readonly force?: boolean;
  /** Seed of the timed steps (the run's). */
  readonly seed?: number;
}

function clock(ms: number): string {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return Date.now() - ms < 86_400_000 ? hm : `${d.toISOString().slice(0, 10)} ${hm}`;
}

/** The backend line of a remembered choice: the measured line and when it was measured. */
function rememberedReason(r: RememberedCalibration): string {
  return `${r.calibration.choice.reason} · measured at ${clock(r.at)}, remembered for this graph on this device`;
}

/**
 * Puts `engine` on Auto's backend for `plan`. A remembered choice is reused when its backend
 * starts (else the backends are timed again). A calibration that timed nothing (the fixed
 * rules chose) is not remembered, so the next run tries again.
 * @throws what the engine throws (a crashed worker, a plan the engine refuses).
 */
export async function autoBackend(
  engine: EngineClient,
  plan: ExecutionPlan,
  o: AutoBackendOptions,
): Promise<AutoChoice> {
  const known = o.force ? undefined : o.memory.get(plan.graphHash, o.device);
  if (known) {
    const wanted = known.calibration.chosen;
    const choice = o.current?.name === wanted ? o.current : await engine.init(wanted);
    if (choice.name === wanted)
      return {
        backend: { ...choice, reason: rememberedReason(known) },
        calibration: { ...known, remembered: true },
      };
  }
  const calibration = await engine.calibrate(plan, o.seed === undefined ? {} : { seed: o.seed });
  const entry: RememberedCalibration = {
    graphHash: plan.graphHash,
    device: o.device,
    at: Date.now(),
    calibration,
  };
  if (!calibration.fallback) o.memory.put(entry);
  return { backend: calibration.choice, calibration: { ...entry, remembered: false } };
}
