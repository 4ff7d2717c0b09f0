/**
 * A block instance (docs/blocks.md), collapsed: the block's title, ×N for a repeat, its ports
 * (from the definition, with the shapes its outputs carry), its exposed param values and the
 * params and FLOPs of all its copies together. Diagnostics of inner nodes are on the instance,
 * each naming the path inside it; during a run its inner nodes' values and faults (by path), after
 * a profile a heat strip summing its flat nodes.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { REPEAT_PARAM } from '../../runtime/graph/blockTypes.ts';
import { useBlockInstance } from '../hooks/useBlockInstance.ts';
import { formatCount, formatParamValue, formatPortValue } from '../model/format.ts';
import type { FlowNode } from './flowElements.ts';
import { NODE_MAX_WIDTH } from './nodeGeometry.ts';
import { NamedPortRows } from './NamedPortRows.tsx';
import { NodeDiagnostics } from './NodeDiagnostics.tsx';
import { NodeHeatStrip } from './NodeHeatStrip.tsx';
import { NodeRunBadge } from './NodeRunBadge.tsx';
import { NodeTitle } from './NodeTitle.tsx';

function BlockNodeView({ id, selected }: NodeProps<FlowNode>) {
  const instance = useBlockInstance(id);
  if (!instance) return null;
  const { node, blockId, def, report: inf } = instance;
  const inputs = Object.keys(def?.inputs ?? {});
  const outputs = Object.keys(def?.outputs ?? {});
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
      <NamedPortRows
        nodeId={id}
        inputs={inputs}
        outputs={outputs}
        handleClass="nw-kind-tensor"
        connectable
        outputNote={(port) => <span className="nw-shape">{formatPortValue(inf?.outputs[port])}</span>}
      />
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
      <NodeRunBadge nodeId={id} />
      <NodeHeatStrip nodeId={id} />
    </div>
  );
}

/** The node component for block instances. */
export const BlockNode = memo(BlockNodeView);
