/** Ready-made execution plans built from the `t.*` fake plugins, for the engine's tests. */
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { miniPlan, type MiniNode } from './miniPlan.ts';
import type { ParamValue } from '../../runtime/sdk/index.ts';
import { testSpecs } from './fakePlugins/spec/index.ts';

/** Knobs of {@link classifierPlan}. */
export interface ClassifierOptions {
  readonly hidden?: Readonly<Record<string, ParamValue>>;
  readonly out?: Readonly<Record<string, ParamValue>>;
  readonly sgd?: Readonly<Record<string, ParamValue>>;
  readonly data?: Readonly<Record<string, ParamValue>>;
  /** Wire a `t.decay` schedule into the optimiser. */
  readonly schedule?: boolean;
  /** Insert a node of this type between the hidden layer and the output layer. */
  readonly between?: string;
  /** Params of the node inserted by `between`. */
  readonly betweenParams?: Readonly<Record<string, ParamValue>>;
}

/** data -> dense(8, tanh) -> [between] -> dense(2) -> ce + acc -> sgd. */
export function classifierPlan(o: ClassifierOptions = {}): ExecutionPlan {
  const nodes: MiniNode[] = [
    { id: 'data', type: 't.blobs', params: o.data ?? {} },
    {
      id: 'h',
      type: 't.dense',
      params: { units: 8, activation: 'tanh', ...o.hidden },
      inputs: { x: 'data:x' },
    },
  ];
  let feature = 'h:y';
  if (o.between) {
    nodes.push({ id: 'mid', type: o.between, params: o.betweenParams ?? {}, inputs: { x: 'h:y' } });
    feature = 'mid:y';
  }
  nodes.push(
    { id: 'out', type: 't.dense', params: { units: 2, ...o.out }, inputs: { x: feature } },
    { id: 'ce', type: 't.ce', inputs: { logits: 'out:y', labels: 'data:y' } },
    { id: 'acc', type: 't.acc', inputs: { logits: 'out:y', labels: 'data:y' } },
  );
  if (o.schedule) nodes.push({ id: 'sched', type: 't.decay' });
  nodes.push({
    id: 'opt',
    type: 't.sgd',
    params: o.sgd ?? {},
    inputs: { loss: 'ce:loss', ...(o.schedule ? { lr: 'sched:lr' } : {}) },
  });
  return miniPlan(testSpecs, nodes);
}
