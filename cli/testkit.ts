/** Test helpers: the CLI, and plugin-check, run in-process with what they print captured. Test-only. */
import { vi } from 'vitest';
import type { CliIO } from './io.ts';
import { runCli } from './main.ts';
import { runPluginCheck } from './pluginCheck.ts';

/** Exit code and captured output of one CLI call. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `netwright ...argv` in this process with captured, non-terminal streams. */
export async function runCliCaptured(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, columns: 120 };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** Exit code and output of `plugin-check ...argv`, which prints through `console`: both streams captured in order. */
export async function runPluginCheckCaptured(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void lines.push(s));
  try {
    return { code: await runPluginCheck(argv), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}
