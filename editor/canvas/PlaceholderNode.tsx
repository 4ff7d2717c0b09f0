/**
 * A node whose plugin is not installed. It keeps its saved params and links; its ports are the
 * ones its links name. It can be moved, copied and deleted, never changed.
 */
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatParamValue } from '../model/format.ts';
import type { FlowNode } from './flowElements.ts';
import { NODE_MAX_WIDTH } from './nodeGeometry.ts';
import { NamedPortRows } from './NamedPortRows.tsx';
import { NodeTitle } from './NodeTitle.tsx';
import type { GraphEdge } from '../../runtime/graph/types.ts';

function portsOf(edges: Readonly<Record<string, GraphEdge>>, id: string): { inputs: string[]; outputs: string[] } {
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  for (const e of Object.values(edges)) {
    if (e.to.node === id) inputs.add(e.to.port);
    if (e.from.node === id) outputs.add(e.from.port);
  }
  return { inputs: [...inputs].sort(), outputs: [...outputs].sort() };
}

function PlaceholderNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useEditorState((s) => s.view.nodes[id]);
  const edges = useEditorState((s) => s.view.edges);
  const { inputs, outputs } = useMemo(() => portsOf(edges, id), [edges, id]);
  if (!node) return null;
  return (
    <div className={`nw-node nw-placeholder${selected ? ' nw-selected' : ''}`} data-testid={`node-${id}`}>
      <div className="nw-node-head">
        <NodeTitle title={node.label ?? node.type} room={NODE_MAX_WIDTH - 90 - id.length * 6} />
        <span className="nw-node-id">{id}</span>
        <span className="nw-badge nw-badge-warning" title={`Plugin "${node.type}" is not installed. The node is kept exactly as saved.`}>
          missing
        </span>
      </div>
      <NamedPortRows nodeId={id} inputs={inputs} outputs={outputs} connectable={false} />
      <div className="nw-node-params">
        {Object.entries(node.params).map(([k, v]) => (
          <span key={k} className="nw-keyparam">
            {k} <b>{formatParamValue(v)}</b>
          </span>
        ))}
      </div>
    </div>
  );
}

/** The node component for nodes of missing plugins. */
export const PlaceholderNode = memo(PlaceholderNodeView);
