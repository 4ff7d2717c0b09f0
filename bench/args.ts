/** Command-line options of the bench scripts. */

/** The number after `--name` on the command line, or `fallback` when the option is absent. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The word after `--name` on the command line, or `fallback` when the option is absent. */
export function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The options of the sequence-length sweeps (the GLA and LSSL benches). */
export interface LengthSweep {
  /** `--max-len`: the longest sequence measured. */
  readonly maxLen: number;
  /** `--recurrent-max`: the longest sequence the recurrent form runs at (it gets too slow beyond). */
  readonly recurrentMax: number;
  /** `--reps`: timed calls per form and length, after the profiled warm-up. */
  readonly reps: number;
}

/** {@link LengthSweep} from the command line, with a bench's own defaults for the two lengths. */
export function lengthSweepArgs(maxLen: number, recurrentMax: number): LengthSweep {
  return { maxLen: numberArg('max-len', maxLen), recurrentMax: numberArg('recurrent-max', recurrentMax), reps: numberArg('reps', 1) };
}
