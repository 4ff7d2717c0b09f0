import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../runtime/graph/types.ts';
import { builtinRegistry } from '../../plugins/index.ts';
import { estimateNodeSize, NODE_HEAD_HEIGHT, NODE_MAX_WIDTH, NODE_MIN_WIDTH, NODE_PORTS_PADDING, NODE_ROW_HEIGHT, NODE_TOP_BORDER } from './nodeGeometry.ts';

const registry = builtinRegistry();
const node = (type: string, params: GraphNode['params'] = {}, label?: string): GraphNode => ({
  id: 'n1',
  type,
  params,
  position: { x: 0, y: 0 },
  ...(label === undefined ? {} : { label }),
});

describe('estimateNodeSize', () => {
  it('stays within the node width limits for every built-in plugin', () => {
    for (const spec of registry.list()) {
      const { width, height } = estimateNodeSize(node(spec.id), spec, undefined);
      expect(width, spec.id).toBeGreaterThanOrEqual(NODE_MIN_WIDTH);
      expect(width, spec.id).toBeLessThanOrEqual(NODE_MAX_WIDTH);
      const rows = Math.max(Object.keys(spec.inputs).length, Object.keys(spec.outputs).length);
      // At least the header and the port rows, as the CSS fixes them.
      expect(height, spec.id).toBeGreaterThanOrEqual(NODE_TOP_BORDER + NODE_HEAD_HEIGHT + 2 * NODE_PORTS_PADDING + rows * NODE_ROW_HEIGHT);
    }
  });

  it('grows with the param-count footer and with key params that wrap', () => {
    const spec = registry.get('dense');
    if (!spec) throw new Error('no dense plugin');
    const bare = estimateNodeSize(node('dense'), spec, undefined);
    const withFoot = estimateNodeSize(node('dense'), spec, { outputs: {}, inputs: {}, paramCount: 72, flops: 128, diagnostics: [] });
    expect(withFoot.height).toBeGreaterThan(bare.height);
    const longValue = estimateNodeSize(node('dense', { activation: 'a-very-long-activation-name-indeed' }), spec, undefined);
    expect(longValue.width).toBe(NODE_MAX_WIDTH);
    expect(longValue.height).toBeGreaterThan(bare.height);
  });

  it('widens for a long label, up to the maximum', () => {
    const spec = registry.get('dense');
    if (!spec) throw new Error('no dense plugin');
    expect(estimateNodeSize(node('dense', {}, 'A rather long label for a layer'), spec, undefined).width).toBeGreaterThan(NODE_MIN_WIDTH);
    expect(estimateNodeSize(node('dense', {}, 'x'.repeat(200)), spec, undefined).width).toBe(NODE_MAX_WIDTH);
  });
});
