/**
 * The AP mask's own fixtures from the float64 reference: pruning with scope 'layerwise', with
 * apRate 0 (plain IMP) and with exaggerated rates (30/10), all on the shared fixture's
 * tie-free kernels, and a DNR call on conv-shaped pre-activations.
 * `npx tsx plugins/apmask/reference/cases.ts` rewrites them.
 */
import { join } from 'node:path';
import type { Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { createRng } from '../../../runtime/lower/rng.ts';
import { loadFixtures, refTensor, SHARED_FIXTURES, writeFixture } from '../../paper.testkit.ts';
import { dnrReference, pruneReference } from './apmask.ts';

type OwnFixture = Omit<Fixture, 'format' | 'version'>;

function sharedPruneInputs(): Fixture['inputs'] {
  const fx = loadFixtures(join(SHARED_FIXTURES, 'apmask')).find((f) => f.fixture.call === 'pruneCycle');
  if (!fx) throw new Error('the shared apmask pruneCycle fixture is missing');
  return fx.fixture.inputs;
}

function pruneCase(name: string, note: string, rates: { pruneRate: number; apRate: number; scope: 'global' | 'layerwise' }): OwnFixture {
  const inputs = sharedPruneInputs();
  const n = Object.keys(inputs).filter((k) => k.startsWith('kernel.')).length;
  const get = (prefix: string): number[][] => Array.from({ length: n }, (_, i) => inputs[`${prefix}.${i}`]!.data);
  const masks = pruneReference(get('kernel'), get('kernelStart'), get('mask'), rates);
  return {
    plugin: 'apmask',
    call: 'pruneCycle',
    name: `apmask/${name}`,
    note,
    params: { ...rates, baseMethod: 'magnitude', rewind: 'init' },
    mode: 'eval',
    inputs,
    expect: { outputs: Object.fromEntries(masks.map((m, i) => [`mask.${i}`, refTensor(inputs[`kernel.${i}`]!.shape, m)])) },
    tolerance: { atol: 0, rtol: 0 },
  };
}

function dnrCase(): OwnFixture {
  const rng = createRng(0).fork('apmask/dnr');
  const draw = (n: number): number[] =>
    Array.from({ length: n }, () => {
      const v = rng.normal();
      return Number((Math.sign(v) * (Math.abs(v) + 1e-3)).toFixed(6));
    });
  const shapes = [[2, 3, 3, 4], [2, 5]];
  const zs = shapes.map((s) => draw(s.reduce((a, b) => a * b, 1)));
  const r = dnrReference(zs);
  return {
    plugin: 'apmask',
    call: 'dnr',
    name: 'apmask/conv_and_dense-dnr',
    note: 'DNR of an NHWC conv pre-activation (every h, w, channel position counts) and a dense one, pooled.',
    params: {},
    mode: 'eval',
    inputs: Object.fromEntries(zs.map((z, i) => [`z.${i}`, refTensor(shapes[i]!, z)])),
    expect: { outputs: { perLayer: refTensor([2], r.perLayer), overall: refTensor([], [r.overall]) } },
    tolerance: { atol: 1e-9, rtol: 0 },
  };
}

/** Every own fixture of the AP mask. */
export function apMaskCases(): OwnFixture[] {
  return [
    pruneCase('layerwise-prunecycle', "scope 'layerwise': each layer loses p% of its own alive weights (base then AP per layer).", { pruneRate: 20, apRate: 2, scope: 'layerwise' }),
    pruneCase('aprate0-prunecycle', 'apRate 0: plain global magnitude pruning removes all of pruneRate.', { pruneRate: 20, apRate: 0, scope: 'global' }),
    pruneCase('exaggerated-prunecycle', 'Exaggerated rates 30/10: AP removes several negative, least-moved weights.', { pruneRate: 30, apRate: 10, scope: 'global' }),
    dnrCase(),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fx of apMaskCases()) writeFixture(join(import.meta.dirname, '..', 'fixtures'), fx);
}
