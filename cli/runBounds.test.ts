import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured as cli } from './testkit.ts';

const GRAPH = join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json');

describe('train flags are bounded and checked before the run', () => {
  it('refuses steps, batch size and seed beyond the optimiser params they override', async () => {
    const steps = await cli('train', GRAPH, '--steps', '500000000');
    expect(steps.code).toBe(2);
    expect(steps.err).toContain(
      '--steps must be a whole number from 1 to 10,000,000 (the range of steps on optimiser node "opt"); got 500000000',
    );
    const batch = await cli('train', GRAPH, '--batch-size', '99999999');
    expect(batch.code).toBe(2);
    expect(batch.err).toContain('--batch-size must be a whole number from 1 to 65,536');
    // Seeds were taken mod 2^32 without a word: 4294967296 trained as seed 0.
    const seed = await cli('train', GRAPH, '--seed', '4294967296');
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('--seed must be a whole number from 0 to 2,147,483,647');
    expect((await cli('train', GRAPH, '--seed', '-1')).code).toBe(2);
  });

  it('refuses an output file in a missing folder before training, not after', async () => {
    const r = await cli('train', GRAPH, '--steps', '5', '--save-weights', '/nonexistent-netwright/w.bin');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--save-weights /nonexistent-netwright/w.bin: the folder /nonexistent-netwright does not exist',
    );
    expect(r.err).not.toContain('backend:');
    const graph = await cli('train', GRAPH, '--steps', '5', '--save-graph', REPO_ROOT);
    expect(graph.code).toBe(2);
    expect(graph.err).toContain('that is a folder');
  });

  it('profile takes the same bounds', async () => {
    const r = await cli('profile', GRAPH, '--seed', '4294967296');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed must be a whole number from 0 to 2,147,483,647');
  });
});
