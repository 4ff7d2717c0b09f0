/**
 * Plain-data types of the plugin contract suite: what a check is, what it found, and the
 * report for one plugin. Shared by the vitest suite (test/contract) and `plugin-check`.
 */
import type { AnyPluginSpec, PluginExample } from '../../sdk/index.ts';
import type { AnyPluginLowering } from '../../lower/lowering.ts';

/** Names of the checks, in the order they run. A plugin gets the ones that fit its role. */
export type ContractCheckName =
  | 'spec'
  | 'params'
  | 'migrations'
  | 'examples'
  | 'shapes'
  | 'paramCount'
  | 'initDeterministic'
  | 'applyDeterministic'
  | 'gradients'
  | 'source'
  | 'schedule'
  | 'optimiser'
  | 'hooks';

/** What one check found. `ok` false means a contract failure, `message` says why. */
export interface CheckOutcome {
  readonly ok: boolean;
  /** Why it failed, or a note on what was checked (shown with `--verbose`). */
  readonly message?: string;
  /** Set when the check did not apply (for example gradients of an int-only output). */
  readonly skipped?: boolean;
}

/** One check of one plugin, runnable on its own (one vitest `it` each). */
export interface ContractCheck {
  readonly plugin: string;
  readonly name: ContractCheckName;
  /** Runs the check; never throws (a throw becomes a failed outcome). Leak-checked. */
  run(): Promise<CheckOutcome>;
}

/** The outcome of one check, named. */
export interface ContractCheckResult extends CheckOutcome {
  readonly name: ContractCheckName;
  /** Tensors still alive after the check that were not alive before it. */
  readonly leaked: number;
  readonly ms: number;
}

/** The contract report of one plugin. */
export interface ContractReport {
  readonly plugin: string;
  readonly ok: boolean;
  readonly checks: readonly ContractCheckResult[];
}

/** Options of the contract suite. */
export interface ContractOptions {
  /** Seed of the example inputs and of the weight initialiser. Default 1234. */
  readonly seed?: number;
  /** Examples to use instead of `spec.examples` (for plugins checked from the outside). */
  readonly examples?: readonly PluginExample[];
  /** Run only these checks. */
  readonly only?: readonly ContractCheckName[];
  /** Tolerance of the determinism checks (bitwise by default). */
  readonly atol?: number;
}

/** A plugin as the contract suite sees it: a spec and its lowering (which may be missing). */
export interface ContractSubject {
  readonly spec: AnyPluginSpec;
  readonly lowering: AnyPluginLowering | undefined;
}
