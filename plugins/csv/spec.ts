import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { dataSeedParam, evalSplitParam } from '../_shared/dataParams.ts';
import { parseCsvCached } from './parse.ts';
import { csvTorch } from './torch.ts';

/** Example CSV shown in a fresh node, so it trains before anything is uploaded. */
const SAMPLE =
  'x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.1,0.1,0\n0.1,0.9,1\n0.9,0.1,1\n0.9,0.9,0\n0.2,0.2,0\n0.2,0.8,1\n0.8,0.2,1\n0.8,0.8,0\n';

/** A table uploaded in the browser (or pasted), kept in the graph as text. */
export const csvSpec = definePlugin({
  id: 'csv',
  version: '1.0.0',
  title: 'CSV table',
  category: 'data',
  role: 'data',
  doc: "A CSV with a header row. Every column except the target is a numeric feature (x). Classification: the target's distinct values become class ids 0..K-1 in sorted order (y [?] int32). Regression: the target must be numeric (y [?, 1]). Errors name the line and column.",
  inputs: {},
  outputs: {
    x: { kind: 'tensor', rank: 2, doc: 'Features [?, columns - 1].' },
    y: { kind: 'tensor', dtype: 'any', rank: { min: 1, max: 2 }, doc: 'Class ids [?] or values [?, 1].' },
  },
  params: {
    text: {
      kind: 'text',
      default: SAMPLE,
      multiline: true,
      maxLength: 20_000_000,
      label: 'CSV',
      doc: 'The file content (upload or paste).',
    },
    target: {
      kind: 'text',
      default: '',
      maxLength: 200,
      label: 'Target column',
      doc: 'Name of the column to predict; empty = the last column.',
    },
    task: { kind: 'enum', options: ['classification', 'regression'], default: 'classification' },
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['target', 'task'],
  torch: csvTorch,
  infer(ctx) {
    const { params } = ctx;
    let table;
    try {
      table = parseCsvCached(params.text, params.target, params.task);
    } catch (e) {
      const message = (e as Error).message;
      return ctx.fail(`CSV: ${message}`, { param: message.startsWith('target column') ? 'target' : 'text' });
    }
    const y = params.task === 'classification' ? tensorValue([null], 'int32') : tensorValue([null, 1]);
    return { outputs: { x: tensorValue([null, table.featureNames.length]), y } };
  },
});
