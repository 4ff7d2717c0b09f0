/**
 * What the CPU-side bench scripts share: medians, wall and process-CPU timing of a call, the
 * load average they print beside their numbers, and the result line of a child process.
 */
import { loadavg } from 'node:os';

/** The median of `values` (the upper one of an even count); NaN when there are none. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/**
 * Median wall time and median process CPU time of `fn` in milliseconds, over `reps` calls after
 * `warmup` untimed ones. On a shared, busy machine the CPU time is the steadier number; on an
 * idle one they agree.
 */
export function medianWallCpu(fn: () => unknown, warmup: number, reps: number): [number, number] {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return [median(wall), median(cpu)];
}

/** The 1-, 5- and 15-minute load averages, one decimal each (`"2.9 3.1 3.0"`). */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

/** The last line of a child process's output, parsed as the JSON result it ends with. */
export function lastJsonLine(out: string): unknown {
  return JSON.parse(out.trim().split('\n').at(-1)!);
}
