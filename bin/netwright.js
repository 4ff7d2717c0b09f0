#!/usr/bin/env node
// The `netwright` launcher. It runs the built CLI (dist-cli/, JavaScript that cli/build.js writes
// on `npm ci` or `npm run build:cli`) in this process, so start-up costs no TypeScript compile.
// In a git checkout whose dist-cli/ is missing or older than a source it was built from, it
// runs cli/main.ts under tsx instead (a development install has it) and says so in one line on
// stderr. It works from any directory: everything is resolved from this checkout.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

/** Why dist-cli/ cannot be used, or undefined when it is built and current. */
function staleBuild() {
  const manifest = join(root, 'dist-cli', 'build.json');
  if (!existsSync(manifest)) return 'dist-cli/ is not built';
  // An installed copy is never edited; only a checkout can hold sources newer than its build.
  if (!existsSync(join(root, '.git'))) return undefined;
  const { builtAt, inputs } = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const file of inputs) {
    const mtime = statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined || mtime > builtAt) return `${file} changed since dist-cli/ was built`;
  }
  return undefined;
}

const stale = staleBuild();
if (stale === undefined) {
  const { runCli } = await import(pathToFileURL(join(root, 'dist-cli', 'cli', 'main.js')).href);
  process.exitCode = await runCli(argv);
} else {
  let tsx;
  try {
    tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;
  } catch {
    process.stderr.write(`netwright: ${stale}, and tsx (a development dependency) is not installed: run \`npm run build:cli\` in ${root}\n`);
    process.exit(1);
  }
  process.stderr.write(`netwright: ${stale}: running the TypeScript sources through tsx (slow start); \`npm run build:cli\` builds it\n`);
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'cli', 'main.ts'), ...argv], { stdio: 'inherit' });
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
}
