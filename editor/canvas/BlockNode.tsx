/**
 * A block instance (docs/blocks.md), collapsed: the block's title, ×N for a repeat, its ports
 * (from the definition, with the shapes its outputs carry), its exposed param values and the
 * params and FLOPs of all its copies together. Diagnostics of inner nodes are on the instance,
 * each naming the path inside it.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { instanceBlockId, REPEAT_PARAM } from '../../runtime/graph/blockTypes.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatCount, formatParamValue, formatPortValue } from '../model/format.ts';
import type { FlowNode } from './flowElements.ts';
import { NODE_MAX_WIDTH } from './nodeGeometry.ts';
import { NodeDiagnostics } from './NodeDiagnostics.tsx';
import { NodeTitle } from './NodeTitle.tsx';

function BlockNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useEditorState((s) => s.view.nodes[id]);
  const blocks = useEditorState((s) => s.view.blocks);
  const inf = useEditorState((s) => s.viewReport.nodes[id]);
  if (!node) return null;
  const blockId = instanceBlockId(node) ?? '';
  const def = blocks && Object.hasOwn(blocks, blockId) ? blocks[blockId] : undefined;
  const inputs = Object.keys(def?.inputs ?? {});
  const outputs = Object.keys(def?.outputs ?? {});
  const rows = Math.max(inputs.length, outputs.length);
  const repeat = node.params[REPEAT_PARAM] ?? 1;
  const title = node.label ?? def?.title ?? blockId;
  return (
    <div className={`nw-node nw-block${selected ? ' nw-selected' : ''}`} data-testid={`node-${id}`}>
      <div className="nw-node-head">
        <NodeTitle title={title} room={NODE_MAX_WIDTH - 120 - id.length * 6} />
        <span className="nw-node-id">{id}</span>
        <span className="nw-badge" data-testid={`repeat-${id}`} title={`block "${blockId}", ${String(repeat)} cop${repeat === 1 ? 'y' : 'ies'} chained, each with its own weights`}>
          ×{String(repeat)}
        </span>
      </div>
      <div className="nw-node-ports">
        {Array.from({ length: rows }, (_, i) => (
          <div className="nw-port-row" key={i}>
            {inputs[i] !== undefined ? (
              <span className="nw-port nw-port-in">
                <Handle type="target" position={Position.Left} id={inputs[i]} className="nw-handle nw-kind-tensor" data-testid={`handle-${id}-${inputs[i]}`} />
                {inputs[i]}
              </span>
            ) : (
              <span />
            )}
            {outputs[i] !== undefined ? (
              <span className="nw-port nw-port-out">
                {outputs[i]} <span className="nw-shape">{formatPortValue(inf?.outputs[outputs[i]])}</span>
                <Handle type="source" position={Position.Right} id={outputs[i]} className="nw-handle nw-kind-tensor" data-testid={`handle-${id}-${outputs[i]}`} />
              </span>
            ) : (
              <span />
            )}
          </div>
        ))}
      </div>
      <div className="nw-node-params">
        {Object.keys(def?.params ?? {}).map((k) => (
          <span key={k} className="nw-keyparam">
            {k} <b>{formatParamValue(node.params[k] ?? def?.params[k]?.default)}</b>
          </span>
        ))}
      </div>
      <div className="nw-node-cost" data-testid={`block-cost-${id}`}>
        {formatCount(inf?.paramCount ?? 0)} params{inf?.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs` : ''}
      </div>
      <NodeDiagnostics diagnostics={inf?.diagnostics ?? []} />
    </div>
  );
}

/** The node component for block instances. */
export const BlockNode = memo(BlockNodeView);
