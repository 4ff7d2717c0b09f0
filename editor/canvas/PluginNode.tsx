/**
 * A node drawn from its plugin spec: category colour, title, ports as named handles, key
 * params, output shapes, param count and diagnostics. It subscribes only to its own slice of
 * the store, so editing one node re-renders one node.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatRank, type PortSpec } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatCount, formatParamValue, formatPortValue } from '../model/format.ts';
import { CATEGORY_COLORS } from './categoryColors.ts';
import type { FlowNode } from './flowElements.ts';
import { NodeDiagnostics } from './NodeDiagnostics.tsx';
import { NodeRunBadge } from './NodeRunBadge.tsx';

function portTitle(name: string, spec: PortSpec): string {
  const parts = [`${name}: ${spec.kind}`];
  if (spec.kind === 'tensor') parts.push(`rank ${formatRank(spec.rank)}`, spec.dtype ?? 'float32');
  if (spec.optional) parts.push('optional');
  return spec.doc ? `${parts.join(', ')} — ${spec.doc}` : parts.join(', ');
}

function PluginNodeView({ id, selected }: NodeProps<FlowNode>) {
  const { store } = useServices();
  const node = useEditorState((s) => s.doc.nodes[id]);
  const inf = useEditorState((s) => s.inference.nodes[id]);
  const spec = node ? store.registry.get(node.type) : undefined;
  if (!node || !spec) return null;
  const color = CATEGORY_COLORS[spec.category];
  const rows = Math.max(Object.keys(spec.inputs).length, Object.keys(spec.outputs).length);
  const inputs = Object.entries(spec.inputs);
  const outputs = Object.entries(spec.outputs);
  return (
    <div className={`nw-node${selected ? ' nw-selected' : ''}`} style={{ '--nw-accent': color } as React.CSSProperties} data-testid={`node-${id}`}>
      <div className="nw-node-head">
        <span className="nw-node-title">{node.label ?? spec.title}</span>
        <span className="nw-node-id">{id}</span>
        <NodeDiagnostics diagnostics={inf?.diagnostics ?? []} />
      </div>
      <div className="nw-node-ports">
        {Array.from({ length: rows }, (_, i) => {
          const input = inputs[i];
          const output = outputs[i];
          return (
            <div className="nw-port-row" key={i}>
              {input ? (
                <span className="nw-port nw-port-in" title={portTitle(input[0], input[1])}>
                  <Handle type="target" position={Position.Left} id={input[0]} className={`nw-handle nw-kind-${input[1].kind}`} data-testid={`handle-${id}-${input[0]}`} />
                  {input[0]}
                  {input[1].optional ? '?' : ''}
                </span>
              ) : (
                <span />
              )}
              {output ? (
                <span className="nw-port nw-port-out" title={portTitle(output[0], output[1])}>
                  <span className="nw-shape" data-testid={`shape-${id}-${output[0]}`}>
                    {formatPortValue(inf?.outputs[output[0]])}
                  </span>
                  {output[0]}
                  <Handle type="source" position={Position.Right} id={output[0]} className={`nw-handle nw-kind-${output[1].kind}`} data-testid={`handle-${id}-${output[0]}`} />
                </span>
              ) : (
                <span />
              )}
            </div>
          );
        })}
      </div>
      {spec.keyParams && spec.keyParams.length > 0 ? (
        <div className="nw-node-params">
          {spec.keyParams.map((p) => (
            <span key={p} className="nw-keyparam">
              {p} <b>{formatParamValue(node.params[p] ?? spec.params[p]?.default)}</b>
            </span>
          ))}
        </div>
      ) : null}
      {inf && inf.paramCount > 0 ? (
        <div className="nw-node-foot" data-testid={`params-${id}`}>
          {formatCount(inf.paramCount)} params
          {inf.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs` : ''}
        </div>
      ) : null}
      <NodeRunBadge nodeId={id} />
    </div>
  );
}

/** The node component for registered plugins. */
export const PluginNode = memo(PluginNodeView);
