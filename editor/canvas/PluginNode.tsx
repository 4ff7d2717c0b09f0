/**
 * A node drawn from its plugin spec: category colour, title, ports as named handles, key
 * params, output shapes, param count, diagnostics and, after a profile, its heat strip. It
 * subscribes only to its own slice of the store, so editing one node re-renders one node.
 * Zoomed out (below `COMPACT_ZOOM`) it is drawn compact: same size and handles, frame, colour,
 * title, problem badges and the heat strip only.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, useMemo } from 'react';
import type { GraphNode } from '../../runtime/graph/types.ts';
import { formatRank, type AnyPluginSpec, type Diagnostic, type PortSpec } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import type { EditorState } from '../model/editorStore.ts';
import { formatCount, formatParamValue, formatPortValue } from '../model/format.ts';
import type { NodeReport } from '../model/graphReport.ts';
import { CATEGORY_COLORS } from './categoryColors.ts';
import { CompactNodesContext } from './compactNodes.ts';
import type { FlowNode } from './flowElements.ts';
import { estimateNodeSize, NODE_MAX_WIDTH } from './nodeGeometry.ts';
import { NodeDiagnostics } from './NodeDiagnostics.tsx';
import { NodeFixButton } from './NodeFixButton.tsx';
import { NodeDataBadge } from './NodeDataBadge.tsx';
import { fitTitle, NodeTitle } from './NodeTitle.tsx';
import { NodeRunBadge } from './NodeRunBadge.tsx';
import { NodeHeatStrip } from './NodeHeatStrip.tsx';

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];
/** Average character width of the compact title (18 px semibold, see .nw-compact), px. */
const COMPACT_TITLE_CHAR = 9.6;

function portTitle(name: string, spec: PortSpec): string {
  const parts = [`${name}: ${spec.kind}`];
  if (spec.kind === 'tensor') parts.push(`rank ${formatRank(spec.rank)}`, spec.dtype ?? 'float32');
  if (spec.optional) parts.push('optional');
  return spec.doc ? `${parts.join(', ')} — ${spec.doc}` : parts.join(', ');
}

/** What a node draws: its document entry and its inference result. */
interface NodeView {
  readonly node: GraphNode | undefined;
  readonly inf: NodeReport | undefined;
}

const sameView = (a: NodeView, b: NodeView): boolean => a.node === b.node && a.inf === b.inf;

interface BodyProps {
  readonly id: string;
  readonly node: GraphNode;
  readonly spec: AnyPluginSpec;
  readonly inf: NodeReport | undefined;
  readonly selected: boolean;
}

function DetailedBody({ id, node, spec, inf, selected }: BodyProps) {
  const inputs = Object.entries(spec.inputs);
  const outputs = Object.entries(spec.outputs);
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className={`nw-node${selected ? ' nw-selected' : ''}`} style={{ '--nw-accent': CATEGORY_COLORS[spec.category] } as React.CSSProperties} data-testid={`node-${id}`}>
      <div className="nw-node-head">
        <NodeTitle title={node.label ?? spec.title} room={NODE_MAX_WIDTH - 30 - id.length * 6} />
        <span className="nw-node-id">{id}</span>
        <NodeDiagnostics diagnostics={inf?.diagnostics ?? NO_DIAGNOSTICS} />
      </div>
      <NodeFixButton id={id} diagnostics={inf?.diagnostics ?? NO_DIAGNOSTICS} />
      {spec.role === 'data' ? <NodeDataBadge node={node} /> : null}
      <div className="nw-node-ports">
        {Array.from({ length: rows }, (_, i) => {
          const input = inputs[i];
          const output = outputs[i];
          return (
            <div className="nw-port-row" key={i}>
              {input ? (
                <span className="nw-port" title={portTitle(input[0], input[1])}>
                  <Handle type="target" position={Position.Left} id={input[0]} className={`nw-handle nw-kind-${input[1].kind}`} data-testid={`handle-${id}-${input[0]}`} />
                  {input[1].optional ? `${input[0]}?` : input[0]}
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
              ) : null}
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
      <NodeHeatStrip nodeId={id} />
    </div>
  );
}

/**
 * The compact body keeps the node's last drawn size (React Flow passes the measured size in)
 * and puts each handle at the height of its port row, so edges, the minimap and the layout do
 * not move when the zoom crosses the threshold. It is as small as a node can be: one element
 * holding the title text and the handles, laid out by a grid (a positioned, transformed handle
 * would be a paint layer of its own, and thousands of those make every pan step slow).
 */
function CompactBody({ id, node, spec, inf, selected, width, height }: BodyProps & { readonly width: number; readonly height: number }) {
  const diagnostics = inf?.diagnostics ?? NO_DIAGNOSTICS;
  const problem = diagnostics.some((d) => d.severity === 'error') ? ' nw-has-error' : diagnostics.length > 0 ? ' nw-has-warning' : '';
  return (
    <div
      className={`nw-node nw-compact${selected ? ' nw-selected' : ''}${problem}`}
      style={{ '--nw-accent': CATEGORY_COLORS[spec.category], width, height } as React.CSSProperties}
      data-testid={`node-${id}`}
    >
      {fitTitle(node.label ?? spec.title, width - 24, COMPACT_TITLE_CHAR)}
      <NodeDiagnostics diagnostics={diagnostics} />
      <NodeRunBadge nodeId={id} compact />
      <NodeHeatStrip nodeId={id} compact />
      {Object.entries(spec.inputs).map(([name, port], i) => (
        <Handle key={`in-${name}`} type="target" position={Position.Left} id={name} className={`nw-handle nw-kind-${port.kind}`} style={{ gridRow: i + 3 }} data-testid={`handle-${id}-${name}`} />
      ))}
      {Object.entries(spec.outputs).map(([name, port], i) => (
        <Handle key={`out-${name}`} type="source" position={Position.Right} id={name} className={`nw-handle nw-kind-${port.kind}`} style={{ gridRow: i + 3 }} data-testid={`handle-${id}-${name}`} />
      ))}
    </div>
  );
}

function PluginNodeView({ id, selected, width, height }: NodeProps<FlowNode>) {
  const { store } = useServices();
  const compact = useContext(CompactNodesContext);
  const select = useMemo(() => (s: EditorState): NodeView => ({ node: s.view.nodes[id], inf: s.viewReport.nodes[id] }), [id]);
  const { node, inf } = useEditorState(select, sameView);
  const spec = node ? store.registry.get(node.type) : undefined;
  if (!node || !spec) return null;
  if (!compact) return <DetailedBody id={id} node={node} spec={spec} inf={inf} selected={selected} />;
  const size = width !== undefined && height !== undefined ? { width, height } : estimateNodeSize(node, spec, inf);
  return <CompactBody id={id} node={node} spec={spec} inf={inf} selected={selected} width={size.width} height={size.height} />;
}

/** The node component for registered plugins. */
export const PluginNode = memo(PluginNodeView);
