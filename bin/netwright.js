#!/usr/bin/env node
// The `netwright` launcher: runs cli/main.ts under tsx in a child Node process,
// passing arguments, stdio, signals and the exit code through. It works from any directory:
// tsx is resolved from this checkout, not from the caller's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;
const main = join(root, 'cli', 'main.ts');

const child = spawn(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
// In a terminal, Ctrl-C already reaches the child (same process group): forwarding it too
// would count as a second Ctrl-C. Signals sent to the launcher alone (`kill`, a supervisor,
// no terminal) are forwarded.
process.on('SIGINT', () => {
  if (!process.stdin.isTTY) child.kill('SIGINT');
});
process.on('SIGTERM', () => {
  child.kill('SIGTERM');
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
});
child.on('error', (e) => {
  process.stderr.write(`netwright: cannot start Node with tsx: ${e.message}\n`);
  process.exit(1);
});
