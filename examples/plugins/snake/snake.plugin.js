/**
 * Snake activation (Liu Ziyin, Tilman Hartwig, Masahito Ueda, "Neural Networks Fail to Learn
 * Periodic Functions and How to Fix It", NeurIPS 2020): y = x + sin²(α x) / α, with one
 * learnable frequency α per feature.
 *
 * A standalone plugin module: one file, no imports. The host (the editor page, the engine
 * worker, the CLI) calls the default export with its SDK, including the `tf` its engine runs,
 * so this file can be installed from a URL or a local file as it is.
 *
 * @param {import('../../../runtime/host/pluginModule.ts').NetwrightSdk} sdk
 */
export default function snakePlugin({ definePlugin, defineLowering, tensorValue, tf }) {
  const spec = definePlugin({
    id: 'examples.snake',
    version: '1.0.0',
    title: 'Snake',
    category: 'activation',
    role: 'layer',
    doc: 'Periodic activation y = x + sin²(αx)/α per feature of the last axis, with a learnable frequency α (one per feature). Monotone, ReLU-like trend plus a periodic part: extrapolates periodic signals where tanh and ReLU cannot.',
    paper: { title: 'Neural Networks Fail to Learn Periodic Functions and How to Fix It (Ziyin, Hartwig, Ueda, 2020)', url: 'https://arxiv.org/abs/2006.08195' },
    inputs: { x: { kind: 'tensor', rank: { min: 2 }, doc: 'Input [batch, ..., features]; features must be known.' } },
    outputs: { y: { kind: 'tensor', rank: { min: 2 }, doc: 'Same shape as x.' } },
    params: {
      alpha: { kind: 'float', default: 1, min: 0.01, max: 100, log: true, label: 'Initial α', doc: 'Initial frequency of every feature (the paper suggests 0.5–50 for periodic data).' },
    },
    keyParams: ['alpha'],
    infer(ctx) {
      const x = ctx.inputs.x;
      if (x?.kind !== 'tensor') return ctx.fail('input "x" is not connected', { port: 'x' });
      const features = x.shape[x.shape.length - 1];
      if (typeof features !== 'number') return ctx.fail('the last axis of "x" must have a known size', { port: 'x' });
      const perExample = x.shape.slice(1).reduce((n, d) => n * (typeof d === 'number' ? d : 1), 1);
      return {
        outputs: { y: tensorValue(x.shape) },
        weights: { alpha: { shape: [features], init: { kind: 'constant', value: ctx.params.alpha } } },
        flops: 6 * perExample,
      };
    },
    migrations: [],
    examples: [{ inputs: { x: { shape: [2, 3] } } }, { params: { alpha: 5 }, inputs: { x: { shape: [2, 4, 3] } } }],
  });

  const lowering = defineLowering(spec, {
    id: spec.id,
    apply({ x }, { weights }) {
      const alpha = weights.alpha;
      const s = tf.sin(tf.mul(x, alpha));
      return { y: tf.add(x, tf.div(tf.square(s), alpha)) };
    },
  });

  return { specs: [spec], lowerings: [lowering] };
}
