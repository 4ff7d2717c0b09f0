/**
 * Benchmark baseline (bench/editor.bench.ts): bare React Flow rendering the same generated
 * nodes and edges as the editor, with default nodes and the same viewport options.
 * `?n=1000&w=870&h=600`: node count, and the size of the flow in px (the bench passes the
 * editor's canvas size, so both fit the graph at the same zoom and show the same nodes).
 */
import '@xyflow/react/dist/style.css';
import { applyNodeChanges, ReactFlow, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { generateChainGraph } from '../../test/support/graphs.ts';

const query = new URLSearchParams(location.search);
const n = Number(query.get('n') ?? '1000');
// 100 rows, so 2,000 nodes still fit the view at the minimum zoom.
const doc = generateChainGraph({ nodes: n, chainLength: Math.max(10, Math.round(n / 100)) });
const initialNodes: Node[] = Object.values(doc.nodes).map((g) => ({ id: g.id, position: g.position, data: { label: `${g.type} ${g.id}` } }));
const edges: Edge[] = Object.values(doc.edges).map((e) => ({ id: e.id, source: e.from.node, target: e.to.node }));

function BareFlow() {
  const [nodes, setNodes] = useState(initialNodes);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={(c: NodeChange[]) => {
        setNodes((ns) => applyNodeChanges(c, ns));
      }}
      minZoom={0.02}
      onlyRenderVisibleElements
      fitView
      fitViewOptions={{ padding: 0.15 }}
      proOptions={{ hideAttribution: true }}
    />
  );
}

const root = document.getElementById('root');
if (root) {
  const w = query.get('w');
  const h = query.get('h');
  if (w) root.style.width = `${w}px`;
  if (h) root.style.height = `${h}px`;
  createRoot(root).render(<BareFlow />);
}
