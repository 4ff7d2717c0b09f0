/**
 * The optional PyTorch emitter of a plugin: the Python source of the module (or data source,
 * optimiser, schedule) and how to construct it from the node's params and inferred shapes,
 * plus where each Netwright weight goes in PyTorch's `state_dict`. Plain data and pure
 * functions of strings: no tfjs, no Python is run here. `netwright export torch` uses it
 * (docs/plugins.md, "Exporting to PyTorch").
 */
import type { PortValue } from './ports.ts';
import type { WeightSpec } from './plugin.ts';
import type { ResolvedNode } from './resolvedNode.ts';

/**
 * What an emitter knows about the one node it emits: the resolved node (its id, from which the
 * attribute name in the exported `Model` is derived; role; params with defaults filled in;
 * inferred outputs, weights and state) and the following.
 */
export interface TorchEmitContext extends ResolvedNode {
  /** Inferred values of the connected inputs, by port. */
  readonly inputs: Readonly<Record<string, PortValue>>;
  /**
   * The node's saved plugin data (`GraphNode.data`), for emitters whose lowering reads it
   * (the LR refiner's gradient norms of the previous run). Absent: none saved.
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The node wired into each connected input port, as in `HookContext.upstream` (the AP mask's managed layers). */
  readonly upstream?: Readonly<Record<string, string>>;
  /** The weight specs of another node of the graph, as in `HookContext.weightSpecsOf`; undefined for an unknown id. */
  readonly weightSpecsOf?: (node: string) => Readonly<Record<string, WeightSpec>> | undefined;
  /** A Python literal of a param value or any JSON value (`true` → `True`, strings quoted). */
  readonly py: (value: unknown) => string;
}

/**
 * Where one Netwright weight (or state tensor) lives in the constructed PyTorch module: its
 * name in the module's `state_dict` and, when the layouts differ, the axis permutation that
 * turns the Netwright tensor into the PyTorch one (`[1, 0]`: a dense kernel `[in, out]` is
 * `nn.Linear.weight` `[out, in]`). The way back applies the inverse permutation.
 */
export interface TorchTensorMapping {
  /** Name inside the module, for example `weight` or `proj.bias`. */
  readonly name: string;
  /** `torch_tensor = netwright_tensor.permute(*permute)`. Absent: same layout. */
  readonly permute?: readonly number[];
}

/**
 * A plugin's PyTorch emitter (`PluginSpec.torch`). What `construct` returns depends on the role:
 * - `layer`, `loss`, `metric`: an expression making an `nn.Module` whose `forward` takes the
 *   connected inputs as keyword arguments named after the input ports and returns the tensor
 *   of its only output, or a dict by output port when it has several;
 * - `data`: an expression making a data source of the exported `netwright_torch` module
 *   (`ArraySource(columns, eval_split=..., seed=..., stratify=...)`), whose columns are named
 *   after the output ports;
 * - `optimiser`: an expression in the free name `groups` (torch parameter groups) making a
 *   `torch.optim.Optimizer`; the run settings (steps, batch size, seed, eval interval, clip
 *   norm) are read from the node's params;
 * - `schedule`: an expression in the free name `total_steps` giving a list of learning rates,
 *   one per step.
 */
export interface TorchEmitter {
  /**
   * Python source defining the classes and functions `construct` uses, emitted once per
   * export however many nodes use the plugin. Name classes after the plugin (`Dense`,
   * `CrossEntropy`); `torch`, `nn`, `F` (torch.nn.functional) and `math` are imported.
   */
  readonly source: string;
  /** The Python expression that constructs this node's object (see the role rules above). */
  construct(ctx: TorchEmitContext): string;
  /** Netwright weight names → PyTorch names; weights not listed keep their name and layout. */
  weights?(ctx: TorchEmitContext): Readonly<Record<string, TorchTensorMapping>>;
  /** Netwright state names → PyTorch buffer names; state not listed keeps its name. */
  state?(ctx: TorchEmitContext): Readonly<Record<string, TorchTensorMapping>>;
  /**
   * The lowering's pure `calls` in Python, by call name: the name of a function defined in
   * `source` that takes `(params, inputs)` (a dict of param values and a dict of float64 tensors
   * by input name) and returns a dict of tensors by output name. The call's fixtures then run on
   * PyTorch too (the AP mask's `dnr` and `pruneCycle`).
   */
  readonly calls?: Readonly<Record<string, string>>;
}
