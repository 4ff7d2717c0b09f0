/**
 * Generated graph documents for scale tests and benchmarks: chains of a source followed by
 * layers, laid out on a grid, ready for the graph file.
 */
import type { GraphDoc, GraphEdge, GraphNode } from '../../runtime/graph/types.ts';

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
  /** The id of the node at `column` of chain `row`; `src<row>` and `layer<row>x<column>` by default. */
  readonly nodeId?: (row: number, column: number) => string;
}

const defaultNodeId = (r: number, c: number): string => (c === 0 ? `src${r}` : `layer${r}x${c}`);

/** A grid of chains: source -> layer -> layer -> … */
export function generateChainGraph(o: ChainGraphOptions): GraphDoc {
  const len = o.chainLength ?? 10;
  const rows = Math.max(1, Math.round(o.nodes / len));
  const nodeId = o.nodeId ?? defaultNodeId;
  const nodes: Record<string, GraphNode> = {};
  const edges: Record<string, GraphEdge> = {};
  for (let r = 0; r < rows; r++) {
    let prev: { node: string; port: string } | undefined;
    for (let c = 0; c < len; c++) {
      const id = nodeId(r, c);
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

/** One chain of fake plugins `n0` (`src`) -> `n1` (`add`) -> … -> `n<n-1>`. */
export function chainDoc(n: number): GraphDoc {
  return generateChainGraph({
    nodes: n,
    chainLength: n,
    sourceType: 'src',
    sourceParams: {},
    layerType: 'add',
    layerParams: {},
    layerIn: 'a',
    nodeId: (_r, c) => `n${c}`,
  });
}
