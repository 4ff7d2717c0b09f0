/**
 * `netwright info`: versions (Netwright, tfjs, Node), the backends this process can use, and
 * which one `auto` would choose and why.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinSpecs } from '../plugins/index.ts';
import { registeredBackends, selectBackend } from '../runtime/exec/backends.ts';
import { tf } from '../runtime/exec/tf.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';
import { REPO_ROOT } from './root.ts';

/** Netwright's version from package.json. */
export async function netwrightVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

async function probe(name: string): Promise<string> {
  try {
    return (await tf.setBackend(name)) ? 'works' : 'did not start';
  } catch (e) {
    return `failed (${e instanceof Error ? e.message.split('\n')[0]! : String(e)})`;
  }
}

/** Runs the info command; with `--json` prints one JSON object. */
export async function runInfo(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags } = parseArgs(argv, { json: 'bool' });
  const backends: Record<string, string> = {};
  for (const name of registeredBackends()) backends[name] = await probe(name);
  for (const name of ['webgpu', 'webgl']) backends[name] ??= 'browser only';
  const choice = await selectBackend('auto');
  const info = {
    netwright: await netwrightVersion(),
    tfjs: tf.version.tfjs,
    node: process.version,
    plugins: builtinSpecs.length,
    backends,
    chosen: choice.name,
    reason: choice.reason,
  };
  if (flags.json === true) {
    io.out(`${JSON.stringify(info)}\n`);
    return 0;
  }
  io.out(
    [
      `netwright ${info.netwright}`,
      `tfjs      ${info.tfjs}`,
      `node      ${info.node}`,
      `plugins   ${info.plugins} built-in`,
      'backends:',
      ...Object.entries(backends).map(([name, state]) => `  ${name.padEnd(7)} ${state}`),
      `chosen:   ${choice.name} (${choice.reason})`,
      '',
    ].join('\n'),
  );
  return 0;
}
