/**
 * Everything a training run needs besides the loop itself, found by node role (never by plugin
 * id): the optimiser and its settings, the loss it minimises, the learning-rate schedule, the
 * data sources, the metric outputs and the nodes with hooks.
 */
import { NetwrightError } from '../sdk/errors.ts';
import type { WeightSpec } from '../sdk/plugin.ts';
import { tensorKey, type ExecutionPlan, type PlanStep } from '../compile/plan.ts';
import type { AnyPluginLowering, DataSource, OptimiserRule, RunHistory, RunSettings } from '../lower/lowering.ts';
import { createRng } from '../lower/rng.ts';
import { createRunMemory, type RunMemoryStore } from '../lower/runMemory.ts';
import type { TrainOptions } from './trainTypes.ts';
import { nodeFailure, type LoweringMap } from './lowerings.ts';
import { initContext } from './weights.ts';

/** The resolved pieces of one run. Owns the rule and the sources: call {@link RunSetup.dispose}. */
export interface RunSetup {
  readonly optimiser: PlanStep;
  readonly settings: Required<Omit<RunSettings, 'lr'>>;
  readonly rule: OptimiserRule;
  readonly clipNorm: number;
  /** The output key of the loss the optimiser minimises. */
  readonly lossKey: string;
  /** Metric output keys by metric name (the metric node's id). */
  readonly metricKeys: Readonly<Record<string, string>>;
  /** One learning rate per step. */
  readonly lrs: Float32Array;
  readonly sources: ReadonlyMap<string, DataSource>;
  /** Steps whose lowering has hooks, in plan order. */
  readonly hooked: readonly { step: PlanStep; lowering: AnyPluginLowering }[];
  /** Weight specs by key `node/weight` (penalties, lrScale, AdamW decay). */
  readonly weightSpecs: ReadonlyMap<string, WeightSpec>;
  /** Data saved by schedule nodes while building their schedules. */
  readonly savedData: Record<string, Record<string, unknown>>;
  /** The nodes' run memories (`ctx.runMemory`), shared by schedules and hooks; freed by `dispose`. */
  readonly memory: RunMemoryStore;
  dispose(): void;
}

function fail(code: string, message: string, node?: string, port?: string): never {
  throw new NetwrightError(code, message, { ...(node ? { node } : {}), ...(port ? { port } : {}) });
}

function stepOf(plan: ExecutionPlan, node: string): PlanStep {
  const s = plan.steps.find((x) => x.node === node);
  if (!s) fail('TRAIN_PLAN', `the plan names node "${node}" but has no step for it`, node);
  return s;
}

function findOptimiser(plan: ExecutionPlan): PlanStep {
  const ids = plan.roles.optimiser;
  if (ids.length === 0) fail('TRAIN_NO_OPTIMISER', 'the graph has no optimiser node: add one (for example "adam") and wire its "loss" input');
  if (ids.length > 1) fail('TRAIN_MANY_OPTIMISERS', `the graph has ${ids.length} optimiser nodes (${ids.join(', ')}); keep one`, ids[1]);
  return stepOf(plan, ids[0]!);
}

function constantLr(optimiser: PlanStep, settings: RunSettings): number {
  const lr = settings.lr ?? optimiser.params.lr;
  if (typeof lr !== 'number' || !Number.isFinite(lr)) {
    fail('TRAIN_NO_LR', `optimiser "${optimiser.node}" (${optimiser.type}) has no learning rate: connect a schedule to its "lr" input`, optimiser.node, 'lr');
  }
  return lr;
}

interface ScheduleBuild {
  readonly lrs: Float32Array;
  readonly saved: Record<string, Record<string, unknown>>;
}

/** Builds every schedule node (plan order) and returns the one feeding the optimiser. */
function buildSchedules(
  plan: ExecutionPlan,
  lowerings: LoweringMap,
  optimiser: PlanStep,
  constant: () => number,
  totalSteps: number,
  history: RunHistory | undefined,
  memory: RunMemoryStore,
): ScheduleBuild {
  const saved: Record<string, Record<string, unknown>> = {};
  const built = new Map<string, Float32Array>();
  for (const node of plan.roles.schedule) {
    const step = stepOf(plan, node);
    const lowering = lowerings.get(step.type);
    if (!lowering?.schedule) fail('ENGINE_NO_LOWERING', `schedule node "${node}" (${step.type}) has no schedule lowering`, node);
    const schedule = lowering.schedule.bind(lowering);
    let lrs: Float32Array;
    try {
      lrs = schedule({
        nodeId: node,
        params: step.params,
        shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
        data: step.data,
        totalSteps,
        ...(history ? { history } : {}),
        saveData: (d) => {
          saved[node] = { ...saved[node], ...d };
        },
        runMemory: memory.forNode(node),
      });
    } catch (e) {
      throw nodeFailure(step, 'schedule', e);
    }
    if (lrs.length < totalSteps) {
      fail('TRAIN_SCHEDULE', `schedule node "${node}" (${step.type}) gave ${lrs.length} learning rates for ${totalSteps} steps`, node);
    }
    const bad = lrs.findIndex((v, i) => i < totalSteps && !(Number.isFinite(v) && v >= 0));
    if (bad >= 0) throw new NetwrightError('TRAIN_SCHEDULE', `schedule node "${node}" (${step.type}) gave learning rate ${lrs[bad]} at step ${bad + 1}`, { node }, bad + 1);
    built.set(node, lrs);
  }
  const ref = optimiser.inputs.lr;
  if (!ref) return { lrs: new Float32Array(totalSteps).fill(constant()), saved };
  const lrs = built.get(ref.node);
  if (!lrs) fail('TRAIN_SCHEDULE', `optimiser "${optimiser.node}" reads its lr from "${ref.node}", which is not a schedule node`, optimiser.node, 'lr');
  return { lrs, saved };
}

function buildSources(plan: ExecutionPlan, lowerings: LoweringMap, seed: number): Map<string, DataSource> {
  const sources = new Map<string, DataSource>();
  const root = createRng(seed);
  try {
    for (const node of plan.roles.data) {
      const step = stepOf(plan, node);
      const lowering = lowerings.get(step.type);
      if (!lowering?.source) fail('ENGINE_NO_LOWERING', `data node "${node}" (${step.type}) has no source lowering`, node);
      try {
        sources.set(node, lowering.source(initContext(step, root.fork(`${node}/source`))));
      } catch (e) {
        throw nodeFailure(step, 'source', e);
      }
    }
  } catch (e) {
    for (const s of sources.values()) s.dispose();
    throw e;
  }
  return sources;
}

/** Builds the data sources of a plan (also used for inference without feeds). */
export { buildSources };

/**
 * Resolves a run from the plan. Settings come from the optimiser lowering, overridden by
 * `options` (steps, batch size, seed, eval interval).
 * @throws NetwrightError naming the node or port when the graph cannot train.
 */
export function setupRun(plan: ExecutionPlan, lowerings: LoweringMap, options: TrainOptions): RunSetup {
  const optimiser = findOptimiser(plan);
  const lowering = lowerings.get(optimiser.type);
  if (!lowering?.optimiser) fail('ENGINE_NO_LOWERING', `optimiser node "${optimiser.node}" (${optimiser.type}) has no optimiser lowering`, optimiser.node);
  let made: ReturnType<NonNullable<AnyPluginLowering['optimiser']>>;
  try {
    made = lowering.optimiser({
      nodeId: optimiser.node,
      params: optimiser.params,
      shapes: { outputs: optimiser.outputs, weights: optimiser.weights, state: optimiser.state },
      data: optimiser.data,
    });
  } catch (e) {
    throw nodeFailure(optimiser, 'optimiser', e);
  }
  const { rule } = made;
  const memory = createRunMemory();
  try {
    const settings = {
      steps: options.steps ?? made.settings.steps,
      batchSize: options.batchSize ?? made.settings.batchSize,
      seed: options.seed ?? made.settings.seed,
      evalEvery: options.evalEvery ?? made.settings.evalEvery,
    };
    for (const [k, v] of Object.entries(settings)) {
      const min = k === 'evalEvery' ? 0 : k === 'seed' ? Number.MIN_SAFE_INTEGER : 1;
      if (!Number.isInteger(v) || v < min) fail('TRAIN_SETTINGS', `run setting "${k}" must be an integer >= ${min} (got ${v})`, optimiser.node);
    }
    const lossRef = optimiser.inputs.loss;
    if (!lossRef) fail('TRAIN_NO_LOSS', `optimiser "${optimiser.node}" has no loss: wire a loss node's "loss" output into its "loss" input`, optimiser.node, 'loss');
    const lossStep = stepOf(plan, lossRef.node);
    const lossValue = lossStep.outputs[lossRef.port];
    if (lossValue?.kind !== 'tensor' || lossValue.shape.length !== 0) {
      fail('TRAIN_NO_LOSS', `optimiser "${optimiser.node}": input "loss" must be a scalar, but ${tensorKey(lossRef)} is not`, optimiser.node, 'loss');
    }
    const metricKeys: Record<string, string> = {};
    for (const node of plan.roles.metric) {
      const step = stepOf(plan, node);
      const port = Object.hasOwn(step.outputs, 'value') ? 'value' : Object.keys(step.outputs)[0];
      const v = port === undefined ? undefined : step.outputs[port];
      if (v?.kind === 'tensor' && v.shape.length === 0) metricKeys[node === 'loss' ? 'metric:loss' : node] = `${node}:${port!}`;
    }
    const schedules = buildSchedules(plan, lowerings, optimiser, () => constantLr(optimiser, made.settings), settings.steps, options.history, memory);
    const weightSpecs = new Map<string, WeightSpec>();
    for (const s of plan.steps) for (const [name, spec] of Object.entries(s.weights)) weightSpecs.set(`${s.node}/${name}`, spec);
    const hooked = plan.steps.flatMap((step) => {
      const l = lowerings.get(step.type);
      return l?.hooks ? [{ step, lowering: l }] : [];
    });
    const sources = buildSources(plan, lowerings, settings.seed);
    return {
      optimiser,
      settings,
      rule,
      clipNorm: made.clipNorm ?? 0,
      lossKey: tensorKey(lossRef),
      metricKeys,
      lrs: schedules.lrs,
      sources,
      hooked,
      weightSpecs,
      savedData: schedules.saved,
      memory,
      dispose() {
        rule.dispose();
        for (const s of sources.values()) s.dispose();
        memory.dispose();
      },
    };
  } catch (e) {
    rule.dispose();
    memory.dispose();
    throw e;
  }
}

/**
 * The optimiser's run settings without starting a run (its rule is made and disposed), or
 * `undefined` when the plan has no single optimiser with a lowering.
 */
export function runSettings(plan: ExecutionPlan, lowerings: LoweringMap): RunSettings | undefined {
  if (plan.roles.optimiser.length !== 1) return undefined;
  const step = plan.steps.find((s) => s.node === plan.roles.optimiser[0]);
  const lowering = step ? lowerings.get(step.type) : undefined;
  if (!step || !lowering?.optimiser) return undefined;
  try {
    const made = lowering.optimiser({
      nodeId: step.node,
      params: step.params,
      shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
      data: step.data,
    });
    made.rule.dispose();
    return made.settings;
  } catch (e) {
    throw nodeFailure(step, 'optimiser', e);
  }
}
