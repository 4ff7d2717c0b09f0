/**
 * Where the Netwright checkout is, whether the CLI runs from its sources (`cli/x.ts`) or built
 * (`dist-cli/cli/x.js`, one folder deeper; cli/build.js writes it).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether this is the built CLI: plain JavaScript (Node cannot import TypeScript by itself). */
export const RUNNING_BUILT = import.meta.url.endsWith('.js');

const cliDir = dirname(fileURLToPath(import.meta.url));

/** The folder that holds the built CLI's `cli/`, `runtime/` and `plugins/` (by default dist-cli/). */
export const BUILD_ROOT = RUNNING_BUILT ? dirname(cliDir) : join(dirname(cliDir), 'dist-cli');

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(from);
  }
}

/** The repository root (where package.json is): the nearest such folder above cli/. */
export const REPO_ROOT = packageRoot(dirname(cliDir));
