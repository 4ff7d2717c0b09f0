/** Enum params as a select. A stored value that is not an option stays visible and flagged. */
import { checkParam, type EnumParam, type ParamValue } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { setNodeParam } from '../model/graphActions.ts';

/** Props of {@link ChoiceParamField}. */
export interface ChoiceParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: EnumParam;
  readonly stored: ParamValue | undefined;
}

/** The select. */
export function ChoiceParamField({ nodeId, name, desc, stored }: ChoiceParamFieldProps) {
  const { store } = useServices();
  const value = typeof stored === 'string' ? stored : (desc.default ?? '');
  const message = stored === undefined ? undefined : checkParam(desc, stored);
  const id = `param-${nodeId}-${name}`;
  const options = desc.options.includes(value) ? desc.options : [value, ...desc.options];
  return (
    <div className="nw-field">
      <label htmlFor={id}>{desc.label ?? name}</label>
      <select id={id} value={value} onChange={(e) => { setNodeParam(store, nodeId, name, e.target.value); }} data-testid={id}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {message ? <p className="nw-field-error">{message}</p> : desc.doc ? <p className="nw-field-doc">{desc.doc}</p> : null}
    </div>
  );
}
