/**
 * Inspector for a block instance: which block, the repeat count and the exposed params as the
 * usual param fields (their descriptors come from the definition, `instanceDescriptors`), the
 * params and FLOPs of all copies, the diagnostics of inner nodes (each naming its path), the
 * instance's actions (`BlockActions.tsx`), and the definition's inner params (an edit changes
 * every instance).
 */
import { instanceDescriptors } from '../../runtime/blocks/params.ts';
import { BLOCK_PARAM } from '../../runtime/graph/blockTypes.ts';
import { NodeDiagnostics } from '../canvas/NodeDiagnostics.tsx';
import { useBlockInstance } from '../hooks/useBlockInstance.ts';
import { formatCount } from '../model/format.ts';
import { BlockActions } from './BlockActions.tsx';
import { BlockDefinitionParams } from './BlockDefinitionParams.tsx';
import { DiagnosticList } from './DiagnosticList.tsx';
import { ParamField } from './ParamField.tsx';

/** Props of {@link BlockInspector}. */
export interface BlockInspectorProps {
  readonly nodeId: string;
}

/** The inspector of a block instance. */
export function BlockInspector({ nodeId }: BlockInspectorProps) {
  const instance = useBlockInstance(nodeId);
  if (!instance) return null;
  const { node, blockId, def, report: inf } = instance;
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
      <DiagnosticList diagnostics={inf?.diagnostics ?? []} />
      <h3>Parameters</h3>
      {fields.map(([name, desc]) => (
        <ParamField key={`${nodeId}.${name}`} nodeId={nodeId} name={name} desc={desc} stored={node.params[name]} />
      ))}
      <BlockActions nodeId={nodeId} blockId={blockId} title={def?.title ?? blockId} />
      {def ? <BlockDefinitionParams key={blockId} blockId={blockId} def={def} /> : null}
      <p className="nw-muted" data-testid="block-totals">
        {formatCount(inf?.paramCount ?? 0)} params
        {inf?.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs per example` : ''} in all copies
      </p>
    </div>
  );
}
