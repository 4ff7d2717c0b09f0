/** Bool params as a switch. */
import type { BoolParam, ParamValue } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { setNodeParam } from '../model/graphActions.ts';

/** Props of {@link SwitchParamField}. */
export interface SwitchParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: BoolParam;
  readonly stored: ParamValue | undefined;
}

/** The switch. */
export function SwitchParamField({ nodeId, name, desc, stored }: SwitchParamFieldProps) {
  const { store } = useServices();
  const on = typeof stored === 'boolean' ? stored : desc.default === true;
  const id = `param-${nodeId}-${name}`;
  return (
    <div className="nw-field nw-field-switch">
      <label htmlFor={id}>{desc.label ?? name}</label>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={on}
        className={`nw-switch${on ? ' nw-on' : ''}`}
        onClick={() => { setNodeParam(store, nodeId, name, !on); }}
        data-testid={id}
      >
        <span />
      </button>
      {desc.doc ? <p className="nw-field-doc">{desc.doc}</p> : null}
    </div>
  );
}
