import { defineConfig } from 'vitest/config';

// Node tests: runtime, plugins, CLI, contract suite. Browser e2e tests live in test/e2e and
// drive real Chromium through playwright-core from Node.
export default defineConfig({
  test: {
    include: ['runtime/**/*.test.ts', 'cli/**/*.test.ts', 'plugins/**/*.test.ts', 'editor/**/*.test.ts', 'workers/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: too short for a browser on a loaded CI machine.
    // A poll that succeeds returns as soon as it does, so this costs only failing tests time.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: 2,
  },
});
