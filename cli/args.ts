/**
 * A small strict argument parser: declared flags only, values checked, positional arguments
 * collected. An unknown flag or a bad value is a {@link UsageError} (the CLI prints usage, exits 2).
 */

/** A bad command line; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Declared flags: `bool` takes no value; `string` and `int` take the next argument. */
export type FlagSpec = Readonly<Record<string, 'bool' | 'string' | 'int' | readonly string[]>>;

/** Parsed flags and positional arguments. */
export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | number | boolean>>;
  readonly positional: readonly string[];
}

/** Parses `argv` against `spec` (flags spelt `--name` or `--name=value`). */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags: Record<string, string | number | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (kind === 'bool') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (kind === 'int') {
      if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer (got "${value}")`);
      flags[name] = Number(value);
    } else if (typeof kind !== 'string') {
      if (!kind.includes(value)) throw new UsageError(`--${name} must be one of ${kind.join(', ')} (got "${value}")`);
      flags[name] = value;
    } else flags[name] = value;
  }
  return { flags, positional };
}
