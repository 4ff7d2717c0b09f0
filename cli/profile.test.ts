import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanProfile } from '../runtime/exec/profileTypes.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured as cli } from './testkit.ts';

const GRAPH = join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json');
const NODES = ['acc', 'data', 'h1', 'h2', 'logits', 'loss', 'opt', 'sched'];

describe('netwright profile', () => {
  it('prints the step, a row per node (most time first) and the kernel types', async () => {
    const r = await cli('profile', GRAPH, '--steps', '2');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^backend: wasm \(wasm was requested\)/);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /two-spirals-mlp\.graph\.json on wasm: 2 profiled steps after \d+ warm-up, batch \d+$/,
    );
    expect(lines[1]).toMatch(
      /^step [\d.]+ ms \(median\) = forward [\d.]+ \+ backward [\d.]+ \+ update [\d.]+ \+ other -?[\d.]+ ms$/,
    );
    const header = lines.findIndex((l) => /^node +type +fwd ms +bwd ms +upd ms +% step +kernels$/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1, header + 1 + NODES.length).map((l) => l.split(/ {2,}/));
    expect(rows.map((c) => c[0]).sort()).toEqual(NODES);
    expect(rows.find((c) => c[0] === 'h1')).toEqual([
      'h1',
      'dense',
      expect.stringMatching(/^[\d.]+$/),
      expect.stringMatching(/^[\d.]+$/),
      '·',
      expect.stringMatching(/^[\d.]+ %$/),
      expect.stringMatching(/^\d+$/),
    ]);
    expect(r.out).toMatch(/\nkernel +per step +ms\/step +% kernel time\n/);
    expect(r.out).toMatch(/\nBatchMatMul +\d+ +[\d.]+ +[\d.]+ %\n/);
    expect(r.out).toMatch(
      /\n\d+ kernels per step\ntimes: wall time around the calls .*; medians of 2 steps\n$/,
    );
  });

  it('prints one JSON object with --json', async () => {
    const r = await cli('profile', GRAPH, '--steps', '1', '--backend', 'cpu', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as PlanProfile & { file: string };
    expect(p).toMatchObject({ file: GRAPH, backend: 'cpu', clock: 'wall', steps: 1 });
    expect(p.nodes.map((n) => n.node).sort()).toEqual(NODES);
    expect(p.kernels!.length).toBeGreaterThan(0);
  });

  it('says what is wrong with bad flags, and names the file it cannot read', async () => {
    const steps = await cli('profile', GRAPH, '--steps', '0');
    expect(steps.code).toBe(2);
    expect(steps.err).toMatch(
      /^netwright profile: --steps must be an integer >= 1\nusage: netwright profile FILE/,
    );
    const backend = await cli('profile', GRAPH, '--backend', 'webgpu');
    expect(backend.code).toBe(2);
    expect(backend.err).toMatch(/^netwright profile: --backend must be one of wasm, cpu \(got "webgpu"\)/);
    const unknown = await cli('profile', GRAPH, '--frobnicate');
    expect(unknown.err).toMatch(/^netwright profile: unknown option --frobnicate/);
    expect((await cli('profile')).err).toMatch(/profile needs exactly one FILE/);
    expect((await cli('profile', '--help')).out).toMatch(
      /^usage: netwright profile FILE \[--backend wasm\|cpu\] \[--steps N\]/,
    );
    const missing = await cli('profile', join(REPO_ROOT, 'nope.graph.json'));
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/nope\.graph\.json: cannot read the file: no such file\n$/);
  });
});
