import type { TorchEmitContext, TorchEmitter, WeightSpec } from '../../runtime/sdk/index.ts';
import { prunableWeights } from './prune.ts';
import { P_PORTS, Z_PORTS } from './ports.ts';
import { APMASK_PY } from './torchSource.ts';

/** The managed kernels (`node/weight`, port order) and every weight of their layers (rewound). */
function managedWeights(ctx: TorchEmitContext): { managed: string[]; rewound: string[] } {
  const managed: string[] = [];
  const rewound: string[] = [];
  for (const port of [...Z_PORTS, ...P_PORTS]) {
    const up = ctx.upstream?.[port];
    if (up === undefined) continue;
    const specs: Readonly<Record<string, WeightSpec>> = ctx.weightSpecsOf?.(up) ?? {};
    const views = Object.fromEntries(
      Object.entries(specs).map(([n, s]) => [n, { trainable: s.trainable !== false, rank: s.shape.length }]),
    );
    const names = prunableWeights(views, specs);
    if (names.length === 0)
      throw new Error(
        `input "${port}" comes from node "${up}", which has no kernel to prune; wire the output of the dense or conv layer itself (activation none)`,
      );
    for (const n of names) if (!managed.includes(`${up}/${n}`)) managed.push(`${up}/${n}`);
    for (const n of Object.keys(specs)) if (!rewound.includes(`${up}/${n}`)) rewound.push(`${up}/${n}`);
  }
  return { managed, rewound };
}

/**
 * PyTorch emitter of `apmask`: the batch DNR as the module's output, and training hooks
 * (`netwright_before_run`, `netwright_transform_grads`, `netwright_after_step`,
 * `netwright_after_run`, run by the exported training loop at the steps Netwright runs
 * `hooks.ts`) that mask the managed kernels' gradients and values, report the dynamic DNR per
 * window, and run each pruning event one step after its cycle ends: base magnitude pruning and
 * AP, the rewind, the optimiser reset.
 */
export const apMaskTorch: TorchEmitter = {
  source: APMASK_PY,
  construct: (ctx) => {
    const { params, py } = ctx;
    const { managed, rewound } = managedWeights(ctx);
    return `APMask(node=${py(ctx.node)}, z_ports=${py([...Z_PORTS])}, managed=${py(managed)}, rewound=${py(rewound)}, prune_rate=${py(params.pruneRate)}, ap_rate=${py(params.apRate)}, cycle_steps=${py(params.cycleSteps)}, num_cycles=${py(params.numCycles)}, scope=${py(params.scope)}, rewind=${py(params.rewind)}, reset_optimizer=${py(params.resetOptimizerEachCycle)}, dnr_window_steps=${py(params.dnrWindowSteps)})`;
  },
  calls: { dnr: 'apmask_dnr', pruneCycle: 'apmask_prune_cycle' },
};
