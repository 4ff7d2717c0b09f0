/**
 * CLI start-up benchmark (a script, not a test): the median wall time of `node -e ""`, of the
 * launcher's `--help` and `info` (`node bin/netwright.js ...`, the built CLI when dist-cli/ is
 * built and current) and of the same two commands run from the TypeScript sources through tsx,
 * measured round-robin in one run, with each one's ratio to `node -e ""`. Target: `--help`
 * within 3× of `node -e ""`. Run: `npx netwright bench cliStartup [--runs N]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { numberArg } from './args.ts';

const RUNS = numberArg('runs', 7);
const ROOT = join(import.meta.dirname, '..');
const LAUNCHER = join(ROOT, 'bin', 'netwright.js');
const MAIN_TS = join(ROOT, 'cli', 'main.ts');

const COMMANDS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'node -e ""', args: ['-e', ''] },
  { name: 'netwright --help', args: [LAUNCHER, '--help'] },
  { name: 'netwright info', args: [LAUNCHER, 'info'] },
  { name: 'tsx cli/main.ts --help', args: ['--import', 'tsx', MAIN_TS, '--help'] },
  { name: 'tsx cli/main.ts info', args: ['--import', 'tsx', MAIN_TS, 'info'] },
];

/** Wall time of one run in ms; a failing command stops the bench with its stderr. */
function runOnce(args: readonly string[]): { ms: number; stderr: string } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0)
    throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return { ms, stderr: r.stderr };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const times = COMMANDS.map(() => [] as number[]);
let note = '';
for (const c of COMMANDS) runOnce(c.args); // warm the file cache
for (let r = 0; r < RUNS; r++) {
  COMMANDS.forEach((c, i) => {
    const { ms, stderr } = runOnce(c.args);
    times[i]!.push(ms);
    if (c.args[0] === LAUNCHER && stderr !== '') note = stderr.split('\n')[0]!;
  });
}
const base = median(times[0]!);
console.log(`CLI start-up, median of ${RUNS} runs each (node ${process.version}):`);
console.log(
  `${'command'.padEnd(24)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'× node -e ""'.padStart(13)}`,
);
COMMANDS.forEach((c, i) => {
  const t = times[i]!;
  const m = median(t);
  console.log(
    `${c.name.padEnd(24)} ${`${m.toFixed(0)} ms`.padStart(8)} ${`${Math.min(...t).toFixed(0)} ms`.padStart(8)} ${`${(m / base).toFixed(2)}×`.padStart(13)}`,
  );
});
const built = existsSync(join(ROOT, 'dist-cli', 'build.json'));
console.log(
  note !== ''
    ? `the launcher said: ${note}`
    : built
      ? 'the launcher ran the built CLI (dist-cli/)'
      : 'dist-cli/ is not built',
);
