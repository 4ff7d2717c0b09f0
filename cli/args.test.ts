import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

const SPEC = { steps: 'int', backend: ['wasm', 'cpu'], json: 'bool', out: 'string', plugin: 'list' } as const;

describe('parseArgs', () => {
  it('reads every kind of flag, spelt --name value or --name=value, and positionals', () => {
    const { flags, positional } = parseArgs(
      [
        'a.json',
        '--steps',
        '20',
        '--backend=cpu',
        '--json',
        '--out',
        'w.bin',
        '--plugin',
        'x.ts',
        '--plugin=y',
        'b.json',
      ],
      SPEC,
    );
    expect(flags).toEqual({ steps: 20, backend: 'cpu', json: true, out: 'w.bin', plugin: ['x.ts', 'y'] });
    expect(positional).toEqual(['a.json', 'b.json']);
  });

  it('takes values that start with one dash, and everything after -- as positional', () => {
    expect(parseArgs(['--steps', '-3', '--out', '-'], SPEC).flags).toEqual({ steps: -3, out: '-' });
    expect(parseArgs(['--', '--json', 'f'], SPEC)).toEqual({ flags: {}, positional: ['--json', 'f'] });
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--json=yes'], '--json takes no value'],
    [['--steps'], '--steps needs a value'],
    [['--steps', '--json'], '--steps needs a value'],
    [['--plugin'], '--plugin needs a value'],
    [['--steps', 'ten'], '--steps must be an integer (got "ten")'],
    [['--backend', 'tpu'], '--backend must be one of wasm, cpu (got "tpu")'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(new UsageError(message));
    expect(() => parseArgs(argv, SPEC)).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }) as Error);
  });
});
