/**
 * The CLI's flag rules on top of `node:util` `parseArgs`. Node splits the command line into
 * tokens (`--name value`, `--name=value`, short flags, `--`, positionals); this adapter checks
 * each token against the declared flags and says what is wrong in the CLI's words. An unknown
 * flag or a bad value is a {@link UsageError} (the CLI prints usage and exits 2).
 */
import { parseArgs as tokenize, type ParseArgsConfig } from 'node:util';
import { NetwrightError } from '../runtime/sdk/errors.ts';

/** A bad command line (code `CLI_USAGE`); the message says what is wrong. */
export class UsageError extends NetwrightError {
  constructor(message: string) {
    super('CLI_USAGE', message);
    this.name = 'UsageError';
  }
}

/**
 * Declared flags: `bool` takes no value; `string` and `int` take one (the next argument, or
 * after `=`); `list` is a repeatable `string`; an array of words is a choice among them.
 */
export type FlagKind = 'bool' | 'string' | 'int' | 'list' | readonly string[];

/** Flags by name, without the leading `--`. */
export type FlagSpec = Readonly<Record<string, FlagKind>>;

/** The value a flag of kind `K` parses to. */
export type FlagValue<K extends FlagKind> = K extends 'bool'
  ? boolean
  : K extends 'int'
    ? number
    : K extends 'list'
      ? readonly string[]
      : K extends readonly (infer C)[]
        ? C
        : string;

/** Parsed flags (absent ones undefined) and positional arguments. */
export interface ParsedArgs<S extends FlagSpec> {
  readonly flags: { readonly [N in keyof S]?: FlagValue<S[N]> };
  readonly positional: readonly string[];
}

function value(name: string, kind: Exclude<FlagKind, 'bool' | 'list'>, text: string): string | number {
  if (kind === 'string') return text;
  if (kind === 'int') {
    if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be an integer (got "${text}")`);
    return Number(text);
  }
  if (!kind.includes(text))
    throw new UsageError(`--${name} must be one of ${kind.join(', ')} (got "${text}")`);
  return text;
}

/**
 * Parses `argv` against `spec`. A value may start with one dash (`--seed -3`) but not with two:
 * `--steps --json` means the value was forgotten.
 */
export function parseArgs<const S extends FlagSpec>(argv: readonly string[], spec: S): ParsedArgs<S> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, kind] of Object.entries(spec))
    options[name] = kind === 'bool' ? { type: 'boolean' } : { type: 'string', multiple: kind === 'list' };
  // Not strict: Node's own errors would reject `--seed -3` and word things its way; the checks
  // below are the CLI's rules.
  const { tokens } = tokenize({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string | number | boolean | string[]> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown option ${rawName}`);
    if (kind === 'bool') {
      if (token.value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const text = token.value;
    if (text === undefined || (!token.inlineValue && text.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    const previous = flags[name];
    flags[name] =
      kind === 'list' ? [...(Array.isArray(previous) ? previous : []), text] : value(name, kind, text);
  }
  return { flags: flags as ParsedArgs<S>['flags'], positional };
}
