import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanNode } from '../../runtime/compile/buildPlan.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import type { NodeRole } from '../../runtime/sdk/index.ts';
import { boundsOf, classOneProbability, findBoundaryTask, gridTensor } from './predictions.ts';

function step(node: string, role: NodeRole, inputs: Record<string, string>, outputs: Record<string, [(number | null)[], 'float32' | 'int32']>): PlanNode {
  return {
    node,
    type: `t-${node}`,
    role,
    params: {},
    inputs: Object.fromEntries(Object.entries(inputs).map(([p, r]) => [p, { node: r.split(':')[0]!, port: r.split(':')[1]! }])),
    shapes: { outputs: Object.fromEntries(Object.entries(outputs).map(([p, [shape, dtype]]) => [p, { kind: 'tensor' as const, shape, dtype }])) },
  };
}

function plan(steps: PlanNode[]): ExecutionPlan {
  return buildPlan(steps, 'h');
}

describe('predictions', () => {
  it('finds the 2-D classifier behind the loss, by roles and shapes', () => {
    const p = plan([
      step('data', 'data', {}, { x: [[null, 2], 'float32'], y: [[null], 'int32'] }),
      step('h', 'layer', { x: 'data:x' }, { y: [[null, 2], 'float32'] }),
      step('loss', 'loss', { pred: 'h:y', target: 'data:y' }, { loss: [[], 'float32'] }),
    ]);
    expect(findBoundaryTask(p)).toEqual({ dataNode: 'data', pointPort: 'x', labelPort: 'y', logitsKey: 'h:y', classes: 2 });
  });

  it('has no boundary for inputs that are not points in the plane', () => {
    const p = plan([
      step('data', 'data', {}, { x: [[null, 3], 'float32'], y: [[null], 'int32'] }),
      step('h', 'layer', { x: 'data:x' }, { y: [[null, 2], 'float32'] }),
      step('loss', 'loss', { pred: 'h:y', target: 'data:y' }, { loss: [[], 'float32'] }),
    ]);
    expect(findBoundaryTask(p)).toBeUndefined();
  });

  it('builds a grid over the data bounds and reads class probabilities', () => {
    const box = boundsOf(new Float32Array([-1, -2, 1, 2]), 0);
    expect(box).toEqual({ minX: -1, maxX: 1, minY: -2, maxY: 2 });
    const g = gridTensor(box, 2);
    expect(g.shape).toEqual([4, 2]);
    expect(Array.from(new Float32Array(g.data))).toEqual([-0.5, 1, 0.5, 1, -0.5, -1, 0.5, -1]);
    const p = classOneProbability(new Float32Array([0, 0, 0, Math.log(3)]), 2);
    expect(p[0]).toBeCloseTo(0.5, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    expect(classOneProbability(new Float32Array([0]), 1)[0]).toBeCloseTo(0.5, 6);
  });
});
