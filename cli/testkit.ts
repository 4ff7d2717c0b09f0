/** Test helper: runs the CLI in-process and captures what it prints. Test-only. */
import type { CliIO } from './io.ts';
import { runCli } from './main.ts';

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
