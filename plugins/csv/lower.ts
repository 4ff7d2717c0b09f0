import { defineLowering } from '../../runtime/exec/sdk.ts';
import { createArraySource } from '../_shared/arraySource.ts';
import { parseCsvCached } from './parse.ts';
import { csvSpec } from './spec.ts';

/** CSV data source; classification splits are stratified by class. */
export const csvLowering = defineLowering(csvSpec, {
  id: csvSpec.id,
  source({ params }) {
    const t = parseCsvCached(params.text, params.target, params.task);
    const classification = params.task === 'classification';
    return createArraySource(
      {
        count: t.rows,
        columns: {
          x: { data: t.features, exampleShape: [t.featureNames.length] },
          y: { data: t.target, exampleShape: classification ? [] : [1] },
        },
      },
      { evalSplit: params.evalSplit, seed: params.seed, ...(classification ? { stratify: 'y' } : {}) },
    );
  },
});
