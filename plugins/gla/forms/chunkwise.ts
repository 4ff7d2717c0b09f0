/**
 * The chunkwise-parallel ("hardware-efficient") form of the GLA core (spec §5.3) with
 * secondary-level chunking. Every per-chunk quantity is computed for all chunks at once
 * ([B·H, n, C, ·]); only the state recursion S_[i+1] = γ_i ⊙ S_[i] + U_i loops over chunks.
 * All gate exponents are differences of chunk-local cumulative sums arranged to be ≤ 0, so
 * nothing overflows even with extreme gates (spec §6).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../../runtime/exec/tf.ts';
import type { CoreInputs } from '../projections.ts';
import { cumsumAxis, maskedDecayScores } from './parallel.ts';
import type { CoreResult } from './types.ts';

/** 0/1 matrix with ones where `pick(a, b)`, reshaped to `shape` (n·n elements). */
function blockMask(n: number, pick: (a: number, b: number) => boolean, shape: number[]): Tensor {
  const data = new Float32Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) data[a * n + b] = Number(pick(a, b));
  return tf.tensor(data, shape);
}

/**
 * Intra-chunk scores P [B·H, n, C, C] from Q, K and the chunk-local cumulative gates G, all
 * [B·H, n, C, dk], with sub-chunks of length c: diagonal sub-blocks elementwise (masked
 * exponent), off-diagonal sub-blocks as matmuls with factors exp(≤ 0).
 */
export function intraChunkScores(Q: Tensor, K: Tensor, G: Tensor, c: number): Tensor {
  const [bh, n, C, dk] = Q.shape as [number, number, number, number];
  const ns = C / c;
  const sub = (t: Tensor): Tensor => tf.reshape(t, [bh, n, ns, c, dk]);
  const [Q5, K5, G5] = [sub(Q), sub(K), sub(G)];
  const diag = maskedDecayScores(Q5, K5, G5); // [bh, n, ns(a), c(t), c(s)]
  if (ns === 1) return tf.reshape(diag, [bh, n, C, C]);
  const Gfirst = tf.slice(G5, [0, 0, 0, 0, 0], [bh, n, ns, 1, dk]);
  const Glast = tf.slice(G5, [0, 0, 0, c - 1, 0], [bh, n, ns, 1, dk]);
  const Qt = tf.mul(Q5, tf.exp(tf.sub(G5, Gfirst))); // exponent ≤ 0
  const Kh = tf.mul(K5, tf.exp(tf.sub(Glast, G5))); // exponent ≤ 0
  // Pair factor exp(G_first(a) − G_last(b)) for b < a; exponent zeroed elsewhere, then masked.
  const strict = blockMask(ns, (b, a) => b < a, [ns, ns, 1]); // laid out [b, a, 1]
  const pairExp = tf.sub(tf.reshape(Gfirst, [bh, n, 1, ns, dk]), tf.reshape(Glast, [bh, n, ns, 1, dk]));
  const F = tf.mul(tf.exp(tf.mul(pairExp, strict)), strict); // [bh, n, b, a, dk]
  // X[b, a, t, i] = Qt[a, t, i]·F[b, a, i]; batch over b so the matmul needs no broadcasting
  // (tfjs 4.22's BatchMatMul gradient mishandles broadcast batch axes).
  const X = tf.mul(tf.expandDims(Qt, 2), tf.expandDims(F, 4)); // [bh, n, b, a, c, dk]
  const off = tf.matMul(tf.reshape(X, [bh, n, ns, ns * c, dk]), Kh, false, true); // [bh, n, b, a·t, s]
  const offBlocks = tf.transpose(tf.reshape(off, [bh, n, ns, ns, c, c]), [0, 1, 3, 4, 2, 5]); // [a, t, b, s]
  const eye = blockMask(ns, (a, b) => a === b, [ns, 1, ns, 1]);
  const blocks = tf.add(offBlocks, tf.mul(tf.expandDims(diag, 4), eye));
  return tf.reshape(blocks, [bh, n, C, C]);
}

/** Pads axis 1 of [B·H, L, w] with zeros at the end up to `Lp`. */
function padEnd(t: Tensor, Lp: number): Tensor {
  const L = t.shape[1]!;
  return Lp === L ? t : tf.pad(t, [
    [0, 0],
    [0, Lp - L],
    [0, 0],
  ]);
}

/**
 * Chunkwise form. Lengths that are not a multiple of C are padded at the end with
 * q = k = v = 0 and g = 0 (α = 1), which leaves the state unchanged; the padded outputs are
 * dropped (spec §5.3).
 * @param C - chunk length; @param c - sub-chunk length, dividing C (clamped to C).
 * @param S0 - initial state [B·H, dk, dv]; zeros when absent.
 */
export function glaChunkwise(inp: CoreInputs, C: number, c: number, S0?: Tensor): CoreResult {
  const { o, state } = chunkwise(inp, C, c, S0, true);
  return { o, state: state! };
}

/**
 * The output o of {@link glaChunkwise} from a zero initial state, without the final state:
 * the last chunk's state update is skipped, and with a single chunk the whole inter-chunk
 * term (it reads only the zero state). What a training step needs (docs/adr/0006).
 */
export function glaChunkwiseOutput(inp: CoreInputs, C: number, c: number): Tensor {
  return chunkwise(inp, C, c, undefined, false).o;
}

function chunkwise(inp: CoreInputs, C: number, c: number, S0: Tensor | undefined, withState: boolean): { o: Tensor; state?: Tensor } {
  const [bh, L, dk] = inp.q.shape as [number, number, number];
  const dv = inp.v.shape[2]!;
  if (L === 0) return { o: tf.zeros([bh, 0, dv]), state: withState ? (S0 ?? tf.zeros([bh, dk, dv])) : undefined };
  // A sub-chunk that does not divide C degrades to one diagonal block per chunk (still exact);
  // a chunk longer than the sequence shrinks to the sub-chunk multiple that covers it.
  const ce0 = C % c === 0 ? c : C;
  const Ce = L < C ? Math.ceil(L / ce0) * ce0 : C;
  const ce = ce0;
  const n = Math.ceil(L / Ce);
  const Lp = n * Ce;
  const chunks = (t: Tensor, w: number): Tensor => tf.reshape(padEnd(t, Lp), [bh, n, Ce, w]);
  const Q = chunks(inp.q, dk);
  const K = chunks(inp.k, dk);
  const V = chunks(inp.v, dv);
  const G = cumsumAxis(chunks(inp.g, dk), 2); // chunk-local, ≤ 0, non-increasing
  let inter: Tensor | undefined;
  let S: Tensor | undefined;
  if (withState || n > 1 || S0) {
    const Glast = tf.slice(G, [0, 0, Ce - 1, 0], [bh, n, 1, dk]);
    const U = tf.matMul(tf.mul(K, tf.exp(tf.sub(Glast, G))), V, true, false); // [bh, n, dk, dv]
    const gamma = tf.reshape(tf.exp(Glast), [bh, n, dk, 1]);
    // tfjs 4.22: unstack's gradient breaks for a single piece, so n = 1 reshapes instead.
    const pieces = (t: Tensor): Tensor[] => (n === 1 ? [tf.reshape(t, t.shape.filter((_, i) => i !== 1))] : tf.unstack(t, 1));
    const Us = pieces(U);
    const gammas = pieces(gamma);
    S = S0 ?? tf.zeros([bh, dk, dv]);
    const before: Tensor[] = [];
    for (let i = 0; i < n; i++) {
      before.push(S);
      if (withState || i < n - 1) S = tf.add(tf.mul(gammas[i]!, S), Us[i]!);
    }
    inter = tf.matMul(tf.mul(Q, tf.exp(G)), tf.stack(before, 1)); // exp(G) ≤ 1
  }
  const intra = tf.matMul(intraChunkScores(Q, K, G, ce), V);
  const o = tf.reshape(inter ? tf.add(inter, intra) : intra, [bh, Lp, dv]);
  return { o: Lp === L ? o : tf.slice(o, [0, 0, 0], [bh, L, dv]), state: withState ? S : undefined };
}
