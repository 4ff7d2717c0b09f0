/**
 * Blocks benchmark (a script, not a test; issue 14): a 24-layer GLA language model drawn as one
 * instance of an 11-node "GLA layer" block (token shift, pre-LN GLA with dropout and residual,
 * pre-LN GELU MLP with dropout and residual) with `repeat 24`: 274 nodes once flattened. Times
 * opening it (load + first inference), compiling it, and re-inference after edits with the
 * editor's memo cache: an exposed block param (mlpWidth: every copy's MLP changes shape), a
 * definition edit (a dropout rate: every copy, no shape change) and one top-level node. Targets:
 * opening well under a second, a block-param edit under 16 ms. Run: `npx tsx
 * bench/blocks.bench.ts` (options `--layers N`, `--reps N`).
 */
import { builtinRegistry } from '../plugins/index.ts';
import { blockEdit, editBlockCommand } from '../runtime/blocks/commands.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { setParam } from '../runtime/graph/commands.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import { createInferCache, inferGraph } from '../runtime/infer/inferGraph.ts';
import { numberArg } from './args.ts';
import { medianWallCpu } from './timing.ts';

const LAYERS = numberArg('layers', 24);
const REPS = numberArg('reps', 21);

const at = (x: number, y = 0) => ({ x, y });
const edge = (a: string, p: string, b: string, q: string) => ({
  from: { node: a, port: p },
  to: { node: b, port: q },
});
/** Edges `y` -> `x` from each node to the next, in order. */
const chain = (...nodes: string[]) => nodes.slice(1).map((to, i) => edge(nodes[i]!, 'y', to, 'x'));

/** The model as graph file text (format version 2). */
function modelText(layers: number): string {
  const inner = {
    shift: { type: 'token-shift', params: {}, position: at(0) },
    lnA: { type: 'layer-norm', params: {}, position: at(250) },
    gla: { type: 'gla', params: { numHeads: 2 }, position: at(500) },
    dropA: { type: 'dropout', params: { rate: 0.1 }, position: at(750) },
    resA: { type: 'add', params: {}, position: at(1000, 100) },
    lnB: { type: 'layer-norm', params: {}, position: at(1250) },
    mlpA: { type: 'dense', params: { activation: 'none' }, position: at(1500) },
    act: { type: 'activation', params: { fn: 'gelu' }, position: at(1750) },
    mlpB: { type: 'dense', params: { activation: 'none' }, position: at(2000) },
    dropB: { type: 'dropout', params: { rate: 0.1 }, position: at(2250) },
    resB: { type: 'add', params: {}, position: at(2500, 100) },
  };
  const file = {
    format: 'netwright.graph',
    version: 2,
    meta: { title: `GLA LM, ${layers} layers` },
    blocks: {
      glaLayer: {
        inputs: { x: [{ node: 'shift', port: 'x' }] },
        outputs: { y: { node: 'resB', port: 'y' } },
        params: {
          dModel: {
            kind: 'int',
            default: 64,
            min: 1,
            bind: [
              { node: 'gla', param: 'dModel' },
              { node: 'mlpB', param: 'units' },
            ],
          },
          mlpWidth: { kind: 'int', default: 128, min: 1, bind: [{ node: 'mlpA', param: 'units' }] },
        },
        nodes: inner,
        edges: [
          ...chain('shift', 'lnA', 'gla', 'dropA'),
          edge('shift', 'y', 'resA', 'a'),
          edge('dropA', 'y', 'resA', 'b'),
          ...chain('resA', 'lnB', 'mlpA', 'act', 'mlpB', 'dropB'),
          edge('resA', 'y', 'resB', 'a'),
          edge('dropB', 'y', 'resB', 'b'),
        ],
      },
    },
    nodes: {
      data: { type: 'associative-recall', params: {}, position: at(0, 200) },
      emb: { type: 'embedding', params: { vocabSize: 33, dim: 64 }, position: at(250) },
      stack: {
        type: 'block',
        params: { block: 'glaLayer', repeat: layers, dModel: 64, mlpWidth: 128 },
        position: at(500),
      },
      lnf: { type: 'layer-norm', params: {}, position: at(750) },
      logits: { type: 'dense', params: { units: 33, activation: 'none' }, position: at(1000) },
      loss: { type: 'cross-entropy', params: {}, position: at(1250) },
      opt: { type: 'adam', params: {}, position: at(1500) },
    },
    edges: [
      edge('data', 'x', 'emb', 'x'),
      ...chain('emb', 'stack', 'lnf', 'logits'),
      edge('logits', 'y', 'loss', 'pred'),
      edge('data', 'y', 'loss', 'target'),
      edge('data', 'mask', 'loss', 'mask'),
      edge('loss', 'loss', 'opt', 'loss'),
    ],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Median wall and CPU ms of `fn` after 3 warm-up calls. */
const median = (fn: () => unknown): [number, number] => medianWallCpu(fn, 3, REPS);

const registry = builtinRegistry();
const text = modelText(LAYERS);
const loaded = loadGraph(text, registry);
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
const doc = loaded.doc;
const first = inferGraph(doc, registry);
const errors = first.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
const flatNodes = Object.keys(first.flat!.doc.nodes).length;

/** Median time of inferring `b` after `a` with one cache (each call re-infers what the edit changed). */
function editTime(a: GraphDoc, b: GraphDoc): [number, number] {
  const cache = createInferCache();
  inferGraph(a, registry, cache);
  let flip = false;
  return median(() => {
    flip = !flip;
    return inferGraph(flip ? b : a, registry, cache);
  });
}

const widened = setParam(doc, { node: 'stack', param: 'mlpWidth', value: 256 });
const dropped = editBlockCommand(
  doc,
  blockEdit('glaLayer', setParam, { node: 'dropA', param: 'rate', value: 0.2 }),
);
const headEdit = setParam(doc, { node: 'logits', param: 'useBias', value: false });

const rows: [string, [number, number]][] = [
  [
    'open: loadGraph + inferGraph (cold)',
    median(() => {
      const r = loadGraph(text, registry);
      return r.ok ? inferGraph(r.doc, registry) : r;
    }),
  ],
  ['loadGraph only', median(() => loadGraph(text, registry))],
  ['inferGraph, cold', median(() => inferGraph(doc, registry))],
  ['compileGraph (with inference)', median(() => compileGraph(doc, registry))],
  ['edit exposed param mlpWidth (all copies), cached', editTime(doc, widened)],
  ['edit definition: dropout rate (all copies), cached', editTime(doc, dropped)],
  ['edit one top-level node, cached', editTime(doc, headEdit)],
];
console.log(
  `GLA LM, ${LAYERS} layers: ${Object.keys(doc.nodes).length} nodes in the file, ${flatNodes} flattened, ${first.nodes.stack!.paramCount.toLocaleString('en')} params in the stack`,
);
console.log(`median of ${REPS} runs (ms):                            wall       cpu`);
for (const [name, [wall, cpu]] of rows) {
  console.log(`  ${name.padEnd(52)} ${wall.toFixed(2).padStart(8)}  ${cpu.toFixed(2).padStart(8)}`);
}
const open = rows[0]![1];
const edit = rows[4]![1];
console.log(
  `open: ${(open[0] / 1000).toFixed(3)} s wall (target well under 1 s); exposed-param edit: ${((edit[0] / 16) * 100).toFixed(0)}% (wall) / ${((edit[1] / 16) * 100).toFixed(0)}% (cpu) of a 16 ms frame`,
);
