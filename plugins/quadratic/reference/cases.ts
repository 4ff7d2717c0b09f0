/**
 * This plugin's own fixtures, computed by the float64 reference for configurations the shared
 * fixtures do not cover. `npx tsx plugins/quadratic/reference/cases.ts` rewrites the files;
 * the reference test checks that the committed files equal what this produces.
 */
import { join } from 'node:path';
import type { Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { createRng } from '../../../runtime/lower/rng.ts';
import { refTensor, writeFixture } from '../../paper.testkit.ts';
import { convOp, denseOp, quadraticReference, type ConvGeom, type LinearOp, type QuadWeights } from './quadratic.ts';

type OwnFixture = Omit<Fixture, 'format' | 'version'>;

const TOL = { atol: 1e-5, rtol: 1e-4 };

function randoms(n: number, seed: string, scale = 1): number[] {
  const rng = createRng(0).fork(seed);
  return Array.from({ length: n }, () => Number((rng.normal() * scale).toFixed(6)));
}

function makeCase(
  plugin: 'quadratic-dense' | 'quadratic-conv2d',
  name: string,
  note: string,
  params: Record<string, unknown>,
  op: LinearOp,
  xShape: number[],
  kShape: number[],
): OwnFixture {
  const units = kShape[kShape.length - 1]!;
  const kSize = kShape.reduce((a, b) => a * b, 1);
  const xSize = xShape.reduce((a, b) => a * b, 1);
  const w: QuadWeights = {
    wr: randoms(kSize, `${name}/wr`, 0.5),
    br: randoms(units, `${name}/br`, 0.1),
    wg: randoms(kSize, `${name}/wg`, 0.3),
    bg: randoms(units, `${name}/bg`, 0.2).map((v) => v + 1),
    wb: randoms(kSize, `${name}/wb`, 0.3),
    c: randoms(units, `${name}/c`, 0.1),
  };
  const x = randoms(xSize, `${name}/x`);
  const cot = randoms(op.outSize, `${name}/cot`);
  const ref = quadraticReference(op, x, w, cot);
  const weights = Object.fromEntries(
    (Object.keys(w) as (keyof QuadWeights)[]).map((k) => [k, refTensor(k.startsWith('w') ? kShape : [units], w[k])]),
  );
  const gradW = Object.fromEntries(
    (Object.keys(w) as (keyof QuadWeights)[]).map((k) => [k, refTensor(k.startsWith('w') ? kShape : [units], ref.grads[k])]),
  );
  return {
    plugin,
    call: 'apply',
    name: `${plugin}/${name}`,
    note,
    params,
    mode: 'eval',
    weights,
    inputs: { x: refTensor(xShape, x) },
    cotangents: { y: refTensor(op.outShape, cot) },
    expect: {
      outputs: { y: refTensor(op.outShape, ref.y) },
      grads: { inputs: { x: refTensor(xShape, ref.dx) }, weights: gradW },
    },
    tolerance: TOL,
  };
}

function conv(name: string, note: string, g: ConvGeom): OwnFixture {
  return makeCase(
    'quadratic-conv2d',
    name,
    note,
    { filters: g.outC, kernelSize: [g.kh, g.kw], strides: [g.sh, g.sw], padding: g.padding },
    convOp(g),
    [g.b, g.h, g.w, g.inC],
    [g.kh, g.kw, g.inC, g.outC],
  );
}

/** Every own fixture of the quadratic plugin. */
export function quadraticCases(): OwnFixture[] {
  return [
    makeCase(
      'quadratic-dense',
      'dense_random_weights',
      'All six weights non-trivial (not the ReLinear init): exercises r*g and the x² branch in forward and backward.',
      { units: 3 },
      denseOp(4, 5, 3),
      [4, 5],
      [5, 3],
    ),
    conv('conv2d_valid', "padding 'valid', 3x3, stride 1, NHWC [2,5,4,2] -> [2,3,2,3].", {
      b: 2, h: 5, w: 4, inC: 2, kh: 3, kw: 3, outC: 3, sh: 1, sw: 1, padding: 'valid',
    }),
    conv('conv2d_same_stride2', "padding 'same' with stride [2,2] on odd sizes (asymmetric TF padding), 3x2 kernel.", {
      b: 1, h: 5, w: 6, inC: 2, kh: 3, kw: 2, outC: 2, sh: 2, sw: 2, padding: 'same',
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fx of quadraticCases()) writeFixture(join(import.meta.dirname, '..', 'fixtures'), fx);
}
