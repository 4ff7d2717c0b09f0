/**
 * A graph as a PyTorch project: model.py, train.py, netwright_torch.py (support code, given as
 * text by the caller) and a README with the exact commands. Pure: text in, files out; the
 * weights file is written by the caller.
 */
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import { emitNodes } from './emitNodes.ts';
import { modelPy } from './modelPy.ts';
import { trainPy } from './trainPy.ts';

/** The files of an export, by name, as text. */
export type ExportFiles = Record<string, string>;

function readme(title: string, graphFile: string, weightsFrom: string): string {
  return `# ${title} — PyTorch export

Written by \`netwright export torch ${graphFile}\`. PyTorch 1.13 or newer; on Debian:
\`apt-get install -y python3-torch\`.

| file | what it is |
|---|---|
| \`model.py\` | the graph as one \`nn.Module\` (\`import model; m = model.Model(); m.load_netwright("weights.json")\`) |
| \`train.py\` | the graph's training run: loss, metrics, optimiser, schedule, batch size, steps, eval interval, seed |
| \`netwright_torch.py\` | Netwright's seeded data order, weight files both ways, the training loop with DistributedDataParallel |
| \`weights.json\` | ${weightsFrom} |

## Commands

\`\`\`sh
python3 train.py                                  # train in one process; JSON lines as \`netwright train --json\`
python3 train.py --nproc 2                        # 2 processes, DistributedDataParallel (gloo on CPU, nccl on GPU)
torchrun --nproc_per_node=2 train.py              # the same under torchrun (reads RANK and WORLD_SIZE)
python3 train.py --eval-only                      # evaluate weights.json (or --weights FILE)
python3 train.py --steps 100 --save ckpt.pt       # a checkpoint (model, optimiser, step); --load ckpt.pt resumes
python3 train.py --save-weights trained.json      # weights back in Netwright's format:
npx netwright train ${graphFile} --load-weights trained.json --steps 1
python3 train.py --data NODE=PATH                 # a dataset node's file (NODE.PARAM=PATH: image-dataset's images or labels)
\`\`\`

The batch size is global: with N processes each takes batch/N rows of the same batch, so a run
at any world size follows the same curve (the batch size must divide by N). Dataset nodes
(text corpus, IDX images) work as a DistributedSampler would: every process draws the step's
global batch in Netwright's seeded order and takes its own share of the rows. Only rank 0
prints, evaluates and saves. Debian's \`python3-torch\` 1.13 ships a \`torchrun\` that fails on
Python 3.11; use \`--nproc\` there.

Dataset files: \`--data\`, else the name the graph records, looked for beside train.py, in the
current folder, then where \`netwright export torch\` found the graph and its \`datasets/\`. A file
whose SHA-256 differs from the graph's record is refused, naming both hashes. Training hooks
(the AP mask's pruning cycles) run at the same steps as in Netwright, and their reports appear
in each step's \`diagnostics\`.
`;
}

/** What {@link exportTorch} needs besides the plan. */
export interface ExportTorchOptions {
  readonly title: string;
  /** The graph file's name, for the README's commands. */
  readonly graphFile: string;
  /** netwright_torch.py's text. */
  readonly support: string;
  /** Says where weights.json comes from, for the README. */
  readonly weightsFrom: string;
  /** The rendezvous port of `--nproc` runs. */
  readonly port?: number;
  /**
   * Folders train.py looks for dataset files in, after `--data`, its own folder and the current
   * one (the CLI gives the graph's folder and the shipped datasets/, where `netwright train` looks).
   */
  readonly dataDirs?: readonly string[];
}

/**
 * Writes the export's text files.
 * @throws NetwrightError `CLI_EXPORT_NO_EMITTER` / `CLI_EXPORT_EMITTER` naming the node.
 */
export function exportTorch(
  plan: ExecutionPlan,
  registry: Registry,
  options: ExportTorchOptions,
): ExportFiles {
  const nodes = emitNodes(plan, registry);
  return {
    'model.py': modelPy(plan, nodes, options.title),
    'train.py': trainPy(plan, nodes, options.title, options.port ?? 29511, options.dataDirs),
    'netwright_torch.py': options.support,
    'README.md': readme(options.title, options.graphFile, options.weightsFrom),
  };
}
