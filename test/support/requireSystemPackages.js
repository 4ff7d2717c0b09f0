// `npm test` runs this first. The browser tests drive Debian's Chromium and the export tests run
// the exported PyTorch code, so both must be on the machine. A missing one is installed with
// apt-get when this process can (root, apt-get present); otherwise, or when that fails, the
// suite stops here with the exact command to run, not with a wall of failing tests.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const pythons = process.env.NETWRIGHT_PYTHON ? [process.env.NETWRIGHT_PYTHON] : ['python3', '/usr/bin/python3'];
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the tests need: how to tell it is there and the Debian package that brings it. */
const needs = [
  {
    what: `Chromium (${chromiumPath}) for the browser tests`,
    pkg: 'chromium',
    present: () => existsSync(chromiumPath),
  },
  {
    what: `PyTorch for Python 3 (tried ${pythons.join(', ')}) for the export tests`,
    pkg: 'python3-torch',
    present: () => pythons.some((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0),
  },
];

const missing = needs.filter((n) => !n.present());
if (missing.length > 0) {
  const pkgs = missing.map((n) => n.pkg).join(' ');
  const command = `apt-get update && apt-get install -y ${pkgs}`;
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canInstall) {
    process.stderr.write(`npm test: installing ${pkgs} (${missing.map((n) => n.what).join('; ')}): ${command}\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('apt-get', ['install', '-y', ...missing.map((n) => n.pkg)], { stdio: 'inherit', env }).status === 0;
    if (!ok) process.stderr.write('npm test: apt-get failed.\n');
  }
  const still = missing.filter((n) => !n.present());
  if (still.length > 0) {
    process.stderr.write(
      `npm test: missing ${still.map((n) => n.what).join('; ')}.\nInstall with:\n\n  ${command}\n\n` +
        '(CHROMIUM_PATH and NETWRIGHT_PYTHON point the tests at other installs.) .ci/run does this on a fresh machine.\n',
    );
    process.exit(1);
  }
}
