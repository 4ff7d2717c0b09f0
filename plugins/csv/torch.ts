import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { parseCsvCached } from './parse.ts';

/**
 * PyTorch emitter of `csv`: the table the graph holds (its `text` param), parsed by the same
 * `parse.ts` as the lowering and written into train.py as float32 features and class ids (or
 * values), so the exported run reads exactly the examples, split and batches Netwright does.
 */
export const csvTorch: TorchEmitter = {
  source: `def csv_table(features, width, target, classification):
    """Netwright "csv": the parsed table, features [rows, width] and the target column."""
    x = torch.tensor(features, dtype=torch.float32).reshape(-1, width)
    y = torch.tensor(target, dtype=torch.int32) if classification else torch.tensor(target, dtype=torch.float32).reshape(-1, 1)
    return {"x": x, "y": y}
`,
  construct: ({ params, py }) => {
    const task = params.task === 'regression' ? 'regression' : 'classification';
    const t = parseCsvCached(String(params.text), String(params.target), task);
    const classification = task === 'classification';
    const table = `csv_table(${py(Array.from(t.features))}, width=${py(t.featureNames.length)}, target=${py(Array.from(t.target))}, classification=${py(classification)})`;
    return `ArraySource(${table}, eval_split=${py(params.evalSplit)}, seed=${py(params.seed)}${classification ? ', stratify="y"' : ''})`;
  },
};
