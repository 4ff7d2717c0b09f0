/**
 * Auto's calibrated backend choices, remembered per graph (the plan's graph hash) and device
 * (the worker's `deviceKey`: browser and WebGPU adapter), so a second run of the same graph on
 * the same machine does not time the backends again. Kept in `localStorage` under one key as a
 * short list, newest first: a few hundred bytes per graph, read and written once per run. A
 * missing, blocked or unreadable store remembers nothing (Auto then calibrates every run).
 */
import type { BackendName, CalibratedChoice } from '../../workers/engineApi.ts';

/** One remembered calibration. */
export interface RememberedCalibration {
  readonly graphHash: string;
  readonly device: string;
  /** When it was measured (ms since the epoch). */
  readonly at: number;
  readonly calibration: CalibratedChoice;
}

/** The remembered choices. */
export interface CalibrationMemory {
  get(graphHash: string, device: string): RememberedCalibration | undefined;
  /** Remembers `entry`, replacing the one of the same graph and device. */
  put(entry: RememberedCalibration): void;
}

/** The part of `Storage` used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The `localStorage` key. */
export const CALIBRATION_STORAGE_KEY = 'netwright.autoBackend.v1';

/** Graphs remembered at most (the oldest are forgotten first). */
const LIMIT = 32;

const BACKENDS: readonly string[] = ['webgpu', 'wasm', 'webgl', 'cpu'] satisfies readonly BackendName[];

function isRemembered(v: unknown): v is RememberedCalibration {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<Record<keyof RememberedCalibration, unknown>>;
  const c = e.calibration as Partial<Record<keyof CalibratedChoice, unknown>> | undefined;
  const choice = c?.choice as { name?: unknown; reason?: unknown } | undefined;
  return (
    typeof e.graphHash === 'string' &&
    typeof e.device === 'string' &&
    typeof e.at === 'number' &&
    typeof c?.chosen === 'string' &&
    BACKENDS.includes(c.chosen) &&
    Array.isArray(c.timings) &&
    typeof choice?.reason === 'string' &&
    choice.name === c.chosen
  );
}

function defaultStorage(): StorageLike | undefined {
  try {
    return (globalThis as { localStorage?: StorageLike }).localStorage;
  } catch {
    return undefined; // Access itself throws where storage is blocked.
  }
}

/** A memory over `storage` (default: `localStorage`, when the page may use it). */
export function createCalibrationMemory(
  storage: StorageLike | undefined = defaultStorage(),
): CalibrationMemory {
  const read = (): RememberedCalibration[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(CALIBRATION_STORAGE_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isRemembered) : [];
    } catch {
      return [];
    }
  };
  return {
    get: (graphHash, device) => read().find((e) => e.graphHash === graphHash && e.device === device),
    put(entry) {
      const others = read().filter((e) => e.graphHash !== entry.graphHash || e.device !== entry.device);
      try {
        storage?.setItem(CALIBRATION_STORAGE_KEY, JSON.stringify([entry, ...others].slice(0, LIMIT)));
      } catch {
        // Full or blocked: the choice is simply not remembered.
      }
    },
  };
}
