/**
 * Auto-layout with elkjs: layered, left to right, edges between ports of the same order as
 * the specs declare them. Returns positions; the caller applies them as one undo step.
 * elkjs is loaded on first use so it does not weigh on start-up.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { GraphDoc, Position } from '../../runtime/graph/types.ts';

/** Size used for nodes that were never measured (off screen). */
export const DEFAULT_NODE_SIZE = { width: 220, height: 110 };

/** Computes left-to-right layered positions for every node. */
export async function computeLayout(doc: GraphDoc, sizeOf: (id: string) => { width: number; height: number } | undefined): Promise<Record<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: Object.values(doc.nodes).map((n) => ({ id: n.id, ...(sizeOf(n.id) ?? DEFAULT_NODE_SIZE) })),
    edges: Object.values(doc.edges).map((e) => ({ id: e.id, sources: [e.from.node], targets: [e.to.node] })),
  };
  const out = await elk.layout(graph);
  const positions: Record<string, Position> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}
