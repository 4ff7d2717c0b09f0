/**
 * Generated graphs for benchmarks and scale tests: `rows` chains of an input followed by dense
 * layers, laid out on a grid, as graph-file-ready documents.
 */
import type { GraphDoc, GraphEdge, GraphNode } from '../../../runtime/graph/types.ts';

/** Options of {@link generateChainGraph}. */
export interface ChainGraphOptions {
  /** Total node count (approximately: rounded to whole chains). */
  readonly nodes: number;
  /** Nodes per chain (the first is the source). */
  readonly chainLength?: number;
  readonly sourceType?: string;
  readonly sourceParams?: Readonly<Record<string, number | boolean | string | readonly number[]>>;
  readonly sourcePort?: string;
  readonly layerType?: string;
  readonly layerParams?: Readonly<Record<string, number | boolean | string | readonly number[]>>;
  readonly layerIn?: string;
  readonly layerOut?: string;
}

/** A grid of chains: source -> layer -> layer -> … */
export function generateChainGraph(o: ChainGraphOptions): GraphDoc {
  const len = o.chainLength ?? 10;
  const rows = Math.max(1, Math.round(o.nodes / len));
  const nodes: Record<string, GraphNode> = {};
  const edges: Record<string, GraphEdge> = {};
  for (let r = 0; r < rows; r++) {
    let prev: { node: string; port: string } | undefined;
    for (let c = 0; c < len; c++) {
      const id = c === 0 ? `src${r}` : `layer${r}x${c}`;
      const type = c === 0 ? (o.sourceType ?? 'input') : (o.layerType ?? 'dense');
      const params = c === 0 ? (o.sourceParams ?? { shape: [8] }) : (o.layerParams ?? { units: 8 });
      nodes[id] = { id, type, params, position: { x: c * 260, y: r * 160 } };
      if (prev) {
        const to = { node: id, port: o.layerIn ?? 'x' };
        const eid = `${prev.node}.${prev.port}->${to.node}.${to.port}`;
        edges[eid] = { id: eid, from: prev, to };
      }
      prev = { node: id, port: c === 0 ? (o.sourcePort ?? 'y') : (o.layerOut ?? 'y') };
    }
  }
  return { nodes, edges, meta: { title: `Generated ${rows * len} nodes` }, placeholders: {} };
}
