/** The live value of each port of a node: what arrives at its inputs and what it produces. */
import type { AnyPluginSpec } from '../../runtime/sdk/index.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { formatPortValue } from '../model/format.ts';

/** Props of {@link PortShapes}. */
export interface PortShapesProps {
  readonly nodeId: string;
  readonly spec: AnyPluginSpec;
}

/** Port table. */
export function PortShapes({ nodeId, spec }: PortShapesProps) {
  const inf = useEditorState((s) => s.viewReport.nodes[nodeId]);
  return (
    <table className="nw-ports-table" data-testid="inspector-ports">
      <tbody>
        {Object.entries(spec.inputs).map(([name, p]) => (
          <tr key={`in-${name}`}>
            <td>in</td>
            <td>{name}</td>
            <td>{p.kind}</td>
            <td className="nw-mono">{inf?.inputs[name] ? formatPortValue(inf.inputs[name]) : p.optional ? '(optional)' : 'not connected'}</td>
          </tr>
        ))}
        {Object.entries(spec.outputs).map(([name, p]) => (
          <tr key={`out-${name}`}>
            <td>out</td>
            <td>{name}</td>
            <td>{p.kind}</td>
            <td className="nw-mono" data-testid={`inspector-shape-${name}`}>
              {formatPortValue(inf?.outputs[name])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
