/**
 * `netwright bench NAME [ARGS...]`: runs the script bench/NAME.bench.ts in a child Node process
 * with tsx (a development dependency: benches are run from a checkout), passing ARGS through;
 * its exit code is the command's.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './args.ts';
import { REPO_ROOT } from './root.ts';
import type { CliIO } from './io.ts';

const BENCH_DIR = join(REPO_ROOT, 'bench');

/** Names of the benchmarks in bench/ (files `NAME.bench.ts`). */
export async function benchNames(): Promise<string[]> {
  if (!existsSync(BENCH_DIR)) return [];
  return (await readdir(BENCH_DIR))
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

/** Runs the bench command; returns the script's exit code. */
export async function runBench(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const names = await benchNames();
  const available = names.length > 0 ? `available: ${names.join(', ')}` : 'there are no benchmarks in bench/';
  if (name === undefined) throw new UsageError(`bench needs a NAME (${available})`);
  if (!/^[\w.-]+$/.test(name) || !names.includes(name)) throw new UsageError(`no benchmark "${name}" (${available})`);
  const script = join(BENCH_DIR, `${name}.bench.ts`);
  let tsx: string;
  try {
    tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href;
  } catch {
    io.err(`bench ${name}: the benches run through tsx, a development dependency that is not installed (npm install)\n`);
    return 1;
  }
  io.err(`running ${script}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, script, ...rest], { stdio: 'inherit', cwd: REPO_ROOT });
    child.on('error', (e) => {
      io.err(`bench ${name}: ${e.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
