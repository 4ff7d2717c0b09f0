/**
 * The shared contract suite over EVERY built-in plugin: one `it` per plugin per check, built
 * from the registered lists, so a newly registered plugin is covered with no extra code.
 * Runs on wasm (the fastest Node backend); `plugin-check --contract-all --backend cpu` runs the
 * same checks on cpu.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { builtinSpecs } from '../../plugins/index.ts';
import { contractChecks, runCheck } from '../../runtime/exec/contract/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { shelveShippedDatasets } from '../support/shippedDatasets.ts';

beforeAll(async () => {
  shelveShippedDatasets(); // the text corpus's default names the shipped file
  await tf.setBackend('wasm');
  await tf.ready();
});

const lowerings = new Map(builtinLowerings.map((l) => [l.id, l]));

describe('built-in plugin registration', () => {
  it('pairs every spec with exactly one lowering and every lowering with a spec', () => {
    const specIds = builtinSpecs.map((s) => s.id);
    expect(new Set(specIds).size, 'duplicate spec ids').toBe(specIds.length);
    expect(lowerings.size, 'duplicate lowering ids').toBe(builtinLowerings.length);
    expect(specIds.filter((id) => !lowerings.has(id)), 'specs without a lowering').toEqual([]);
    expect(builtinLowerings.map((l) => l.id).filter((id) => !specIds.includes(id)), 'lowerings without a spec').toEqual([]);
  });
});

for (const spec of builtinSpecs) {
  describe(`contract: ${spec.id}`, () => {
    for (const check of contractChecks({ spec, lowering: lowerings.get(spec.id) })) {
      it(check.name, async () => {
        const r = await runCheck(check);
        expect(r.ok, `${spec.id} ${check.name}: ${r.message ?? ''}`).toBe(true);
      });
    }
  });
}
