/** Inspector for one node: label, the generated params form, ports with live shapes, docs. */
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatCount, formatParamValue } from '../model/format.ts';
import * as edits from '../model/edits.ts';
import { NodeDiagnostics } from '../canvas/NodeDiagnostics.tsx';
import { BLOCK_TYPE } from '../../runtime/graph/blockTypes.ts';
import { BlockInspector } from './BlockInspector.tsx';
import { DiagnosticList } from './DiagnosticList.tsx';
import { ParamField } from './ParamField.tsx';
import { PortShapes } from './PortShapes.tsx';
import { safeHttpUrl } from './safeUrl.ts';

/** Props of {@link NodeInspector}. */
export interface NodeInspectorProps {
  readonly nodeId: string;
}

/** The node inspector. */
export function NodeInspector({ nodeId }: NodeInspectorProps) {
  const { store } = useServices();
  const node = useEditorState((s) => s.view.nodes[nodeId]);
  const inf = useEditorState((s) => s.viewReport.nodes[nodeId]);
  const placeholder = useEditorState((s) => Object.hasOwn(s.view.placeholders, nodeId));
  if (!node) return null;
  if (node.type === BLOCK_TYPE && !placeholder) return <BlockInspector nodeId={nodeId} />;
  const spec = store.registry.get(node.type);
  if (placeholder || !spec) {
    return (
      <div className="nw-inspector-body" data-testid="inspector-node">
        <h2>{node.type}</h2>
        <p className="nw-warning">Plugin “{node.type}” is not installed. This node is kept exactly as it was saved and cannot be changed; you can still move, copy or delete it.</p>
        <table className="nw-ports-table">
          <tbody>
            {Object.entries(node.params).map(([k, v]) => (
              <tr key={k}>
                <td>{k}</td>
                <td className="nw-mono">{formatParamValue(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const params = Object.entries(spec.params);
  const main = params.filter(([, d]) => !d.implementation);
  const impl = params.filter(([, d]) => d.implementation);
  const paper = spec.paper ? safeHttpUrl(spec.paper.url) : undefined;
  return (
    <div className="nw-inspector-body" data-testid="inspector-node">
      <h2>
        {spec.title} <NodeDiagnostics diagnostics={inf?.diagnostics ?? []} />
      </h2>
      <p className="nw-muted nw-mono">
        {nodeId} · {spec.id}@{spec.version}
      </p>
      <div className="nw-field">
        <label htmlFor="node-label">Label</label>
        <input
          id="node-label"
          key={nodeId}
          defaultValue={node.label ?? ''}
          placeholder={spec.title}
          maxLength={200}
          onBlur={(e) => {
            if (e.target.value !== (node.label ?? '')) store.edit(edits.setLabel(nodeId, e.target.value === '' ? undefined : e.target.value));
          }}
          data-testid="node-label"
        />
      </div>
      <DiagnosticList diagnostics={inf?.diagnostics ?? []} />
      <h3>Parameters</h3>
      {main.length === 0 ? <p className="nw-muted">No parameters.</p> : null}
      {main.map(([name, desc]) => (
        <ParamField key={`${nodeId}.${name}`} nodeId={nodeId} name={name} desc={desc} stored={node.params[name]} />
      ))}
      {impl.length > 0 ? (
        <details>
          <summary>Implementation</summary>
          {impl.map(([name, desc]) => (
            <ParamField key={`${nodeId}.${name}`} nodeId={nodeId} name={name} desc={desc} stored={node.params[name]} />
          ))}
        </details>
      ) : null}
      <h3>Ports</h3>
      <PortShapes nodeId={nodeId} spec={spec} />
      {inf ? (
        <p className="nw-muted">
          {formatCount(inf.paramCount)} params{inf.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs per example` : ''}
        </p>
      ) : null}
      <h3>About</h3>
      <p className="nw-doc">{spec.doc}</p>
      {spec.paper ? (
        <p className="nw-doc">
          Paper:{' '}
          {paper ? (
            <a href={paper} target="_blank" rel="noopener noreferrer">
              {spec.paper.title}
            </a>
          ) : (
            spec.paper.title
          )}
        </p>
      ) : null}
    </div>
  );
}
