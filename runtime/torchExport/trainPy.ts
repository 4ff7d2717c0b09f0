/**
 * train.py of a PyTorch export: the run settings of the graph's optimiser node, its data
 * sources, optimiser and learning-rate schedule (each from its plugin's emitter), handed to
 * the training loop of netwright_torch.py.
 */
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { emitted, type EmitNode } from './emitNodes.ts';
import { pluginSources } from './modelPy.ts';
import { pyLiteral } from './pythonText.ts';

/** The run settings every built-in optimiser carries in its params. */
const SETTINGS = ['steps', 'batchSize', 'seed', 'evalEvery', 'clipNorm'] as const;

function settingsLiteral(opt: EmitNode): string {
  const rows = SETTINGS.map((k) => {
    const v = opt.step.params[k];
    if (typeof v !== 'number')
      throw new Error(`optimiser "${opt.step.node}" (${opt.step.type}) has no numeric "${k}" param`);
    return `    ${JSON.stringify(k)}: ${pyLiteral(v)},`;
  });
  return `{\n${rows.join('\n')}\n}`;
}

/** The text of train.py. */
export function trainPy(
  plan: ExecutionPlan,
  nodes: readonly EmitNode[],
  title: string,
  port: number,
  dataDirs: readonly string[] = [],
): string {
  const byId = new Map(nodes.map((n) => [n.step.node, n]));
  const opt = byId.get(plan.roles.optimiser[0] ?? '');
  if (!opt) throw new Error('the graph has no optimiser node: nothing to train');
  const data = nodes.filter((n) => n.step.role === 'data');
  const schedRef = opt.step.inputs.lr;
  const sched = schedRef ? byId.get(schedRef.node) : undefined;
  const used = [...data, opt, ...(sched ? [sched] : [])];
  const lrs = sched
    ? emitted(sched, 'construct', () => sched.emitter.construct(sched.ctx))
    : `[${pyLiteral(opt.step.params.lr)}] * total_steps`;
  return `"""Train ${title} with PyTorch: the graph's loss, metrics, optimiser, schedule, batch size,
steps, evaluation interval and seed, printing the JSON lines of \`netwright train --json\`.

    python3 train.py                      # one process
    python3 train.py --nproc 2            # DistributedDataParallel, 2 processes (gloo on CPU, nccl on GPU)
    torchrun --nproc_per_node=2 train.py  # the same under torchrun (rank and world size from its environment)
    python3 train.py --eval-only          # evaluate weights.json (or --weights FILE)
    python3 train.py --steps 100 --save ckpt.pt --save-weights trained.json
    python3 train.py --data corpus=my.txt  # a dataset node's file (NODE.PARAM=PATH for one of several)

The batch size is the global batch: each of N processes takes batch/N rows of it (dataset
nodes included: the rows of a step are drawn once, as in Netwright, and split by rank).
"""
import math

import torch

import model
from netwright_torch import ArraySource, Rng, float32, main

${pluginSources(used)}

SETTINGS = ${settingsLiteral(opt)}

# Where dataset files are looked for after --data, the folder of train.py and the current folder
DATA_DIRS = ${pyLiteral([...dataDirs])}


def make_sources():
    """The data nodes' sources: the same examples, split and batch order as in Netwright."""
    return {
${data.map((d) => `        ${JSON.stringify(d.step.node)}: ${emitted(d, 'construct', () => d.emitter.construct(d.ctx))},`).join('\n')}
    }


def make_optimizer(groups):
    """${opt.step.node} (${opt.step.type}); the loop sets each group's lr every step."""
    return ${emitted(opt, 'construct', () => opt.emitter.construct(opt.ctx))}


def make_lrs(total_steps):
    """The learning rate of every step${sched ? ` (${sched.step.node}, ${sched.step.type})` : ' (constant)'}, rounded to float32 as Netwright's are."""
    return [float32(lr) for lr in ${lrs}]


if __name__ == "__main__":
    import os

    main({
        "dir": os.path.dirname(os.path.abspath(__file__)),
        "settings": SETTINGS,
        "build_model": model.Model,
        "weights_map": model.WEIGHTS,
        "state_map": model.STATE,
        "lr_scales": model.LR_SCALES,
        "penalties": model.PENALTIES,
        "no_decay": model.NO_DECAY,
        "graph_hash": model.GRAPH_HASH,
        "make_sources": make_sources,
        "make_optimizer": make_optimizer,
        "make_lrs": make_lrs,
        "port": ${port},
        "data_dirs": DATA_DIRS,
    })
`;
}
