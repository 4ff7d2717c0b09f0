/**
 * Inspector for a block instance: which block, the repeat count and the exposed params as the
 * usual param fields (their descriptors come from the definition, `instanceDescriptors`), the
 * params and FLOPs of all copies, and the diagnostics of inner nodes, each naming its path.
 */
import { instanceDescriptors } from '../../runtime/blocks/params.ts';
import { BLOCK_PARAM, instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import { NodeDiagnostics } from '../canvas/NodeDiagnostics.tsx';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatCount } from '../model/format.ts';
import { ParamField } from './ParamField.tsx';

/** Props of {@link BlockInspector}. */
export interface BlockInspectorProps {
  readonly nodeId: string;
}

/** The inspector of a block instance. */
export function BlockInspector({ nodeId }: BlockInspectorProps) {
  const node = useEditorState((s) => s.doc.nodes[nodeId]);
  const blocks = useEditorState((s) => s.doc.blocks);
  const inf = useEditorState((s) => s.report.nodes[nodeId]);
  if (!node) return null;
  const blockId = instanceBlockId(node) ?? '';
  const def = blocks && Object.hasOwn(blocks, blockId) ? blocks[blockId] : undefined;
  const fields = def ? Object.entries(instanceDescriptors(def)).filter(([name]) => name !== BLOCK_PARAM) : [];
  return (
    <div className="nw-inspector-body" data-testid="inspector-node">
      <h2>
        {node.label ?? def?.title ?? blockId} <NodeDiagnostics diagnostics={inf?.diagnostics ?? []} />
      </h2>
      <p className="nw-muted nw-mono">
        {nodeId} · block “{blockId}”
      </p>
      {def?.doc ? <p>{def.doc}</p> : null}
      {def ? null : <p className="nw-warning">This file defines no block “{blockId}”.</p>}
      {inf && inf.diagnostics.length > 0 ? (
        <ul className="nw-diagnostics" data-testid="inspector-diagnostics">
          {inf.diagnostics.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'nw-error' : 'nw-warning'}>
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Parameters</h3>
      {fields.map(([name, desc]) => (
        <ParamField key={`${nodeId}.${name}`} nodeId={nodeId} name={name} desc={desc} stored={node.params[name]} />
      ))}
      <p className="nw-muted" data-testid="block-totals">
        {formatCount(inf?.paramCount ?? 0)} params{inf?.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs per example` : ''} in all copies
      </p>
    </div>
  );
}
