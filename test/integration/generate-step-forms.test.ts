/**
 * Generation through the step forms gives the logits the full forward gives: on the GLA and LSSL
 * language model examples (embedding, token shift, GLA or LSSL, layer norms, MLPs, head), the step session's logits
 * after each token of a prompt equal the window forward's at the same position; and it leaves no
 * tensors behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { Engine } from '../../runtime/exec/engine.ts';
import { createRng } from '../../runtime/lower/rng.ts';
import { sampleToken } from '../../runtime/exec/sequence/sampling.ts';
import { nodesWithoutStepForm, startStepSession, windowLogits } from '../../runtime/exec/sequence/stepper.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { sequenceModel } from '../../cli/languageModel.ts';
import { compileExampleGraph } from '../support/exampleGraphs.ts';

const engine = new Engine();
beforeAll(async () => {
  await engine.init('wasm');
});

describe('generation with step forms', () => {
  it.each(['gla-char-lm.graph.json', 'lssl-char-lm.graph.json'])('%s: matches the window forward at every position of a prompt, with no leaked tensors', async (file) => {
    const plan = await compileExampleGraph(file);
    const before = tf.memory().numTensors;
    const model = sequenceModel(plan, builtinLowerings, undefined);
    expect(nodesWithoutStepForm(model)).toEqual([]);
    // Random weights everywhere: at initialisation the token shift is the identity (K = 0), and a
    // step form that dropped its state would go unnoticed.
    const rng = createRng(7);
    for (const [key, v] of model.store.byKey) {
      // LSSL's HiPPO matrix and time steps stay as initialised (random ones are unstable).
      if (/\/(A|B|log_dt)$/.test(key)) continue;
      const values = Float32Array.from({ length: v.size }, () => rng.normal() * 0.3);
      tf.tidy(() => { v.assign(tf.tensor(values, v.shape)); });
    }
    const ids = model.codec.encode('ROMEO:\nWhat, ho!');
    const session = startStepSession(model);
    let worst = 0;
    let spread = 0; // how much the logits change with the context: a check that can fail
    let first: Float32Array | undefined;
    for (let i = 0; i < ids.length; i++) {
      const stepped = await session.push(ids[i]!);
      const full = await windowLogits(model, ids.slice(0, i + 1));
      expect(stepped.length).toBe(65);
      first ??= full;
      for (let v = 0; v < full.length; v++) {
        worst = Math.max(worst, Math.abs(stepped[v]! - full[v]!));
        spread = Math.max(spread, Math.abs(full[v]! - first[v]!));
      }
    }
    expect(spread).toBeGreaterThan(1e-2);
    session.dispose();
    model.store.dispose();
    expect(worst).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('samples deterministically from the seed; temperature 0 is the arg-max; top-k keeps the k best', () => {
    const logits = Float32Array.from([0.1, 2, -1, 1.5]);
    expect(sampleToken(logits, { temperature: 0, topK: 0 }, createRng(1))).toBe(1);
    const draw = (seed: number, topK: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 200 }, () => sampleToken(logits, { temperature: 1, topK }, rng));
    };
    expect(draw(5, 0)).toEqual(draw(5, 0));
    expect(new Set(draw(5, 2))).toEqual(new Set([1, 3]));
    expect(new Set(draw(5, 0)).size).toBe(4);
  });
});
