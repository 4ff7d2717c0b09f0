// `npm test` runs this first: the export tests run the exported PyTorch code, so without a
// Python that imports torch the suite stops here with the install command, not with a wall of
// failing tests. The same search as torchPython.ts: NETWRIGHT_PYTHON, python3, /usr/bin/python3.
import { spawnSync } from 'node:child_process';

const install = 'apt-get update && apt-get install -y python3-torch';
const candidates = process.env.NETWRIGHT_PYTHON
  ? [process.env.NETWRIGHT_PYTHON]
  : ['python3', '/usr/bin/python3'];
const found = candidates.find(
  (p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
);
if (found === undefined) {
  process.stderr.write(
    `npm test: PyTorch for Python 3 is missing (tried ${candidates.join(', ')}); the PyTorch export tests need it.\n` +
      `Install it with:\n\n  ${install}\n\n(or set NETWRIGHT_PYTHON to a python that imports torch). .ci/run installs it on a fresh machine.\n`,
  );
  process.exit(1);
}
