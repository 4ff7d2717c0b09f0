/**
 * The Python with PyTorch that the export tests run: `NETWRIGHT_PYTHON`, else the first of
 * `python3` and `/usr/bin/python3` (Debian's `python3-torch` installs there, which a pyenv
 * `python3` earlier on PATH does not see) that imports torch. Test-only.
 */
import { spawnSync } from 'node:child_process';

/** The command that installs PyTorch on Debian, as `.ci/run` does. */
export const TORCH_INSTALL = 'apt-get update && apt-get install -y python3-torch';

/** Pythons to try, in order. */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.NETWRIGHT_PYTHON ? [env.NETWRIGHT_PYTHON] : ['python3', '/usr/bin/python3'];
}

/** The first candidate that imports torch, or undefined. */
export function findTorchPython(): string | undefined {
  return pythonCandidates().find(
    (p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
}

/** {@link findTorchPython}, or an error that gives the install command. */
export function requireTorchPython(): string {
  const python = findTorchPython();
  if (python === undefined) {
    throw new Error(
      `PyTorch for Python 3 is missing (tried ${pythonCandidates().join(', ')}): install it with \`${TORCH_INSTALL}\`, or set NETWRIGHT_PYTHON to a python that has torch`,
    );
  }
  return python;
}

/** One JSON line of `train.py` or `netwright train --json`. */
export interface EventLine {
  readonly event: string;
  readonly step?: number;
  readonly loss?: number;
  readonly metrics?: Record<string, number>;
}

/** Runs `python script args` in `cwd`; returns its JSON lines, throwing with stderr on failure. */
export function runPython(
  python: string,
  cwd: string,
  args: readonly string[],
  timeoutMs = 120_000,
): EventLine[] {
  const r = spawnSync(python, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} exited ${String(r.status)}:\n${r.stderr}`);
  return jsonLines(r.stdout);
}

/** The JSON objects of the lines of `text` that hold one. */
export function jsonLines(text: string): EventLine[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as EventLine);
}
