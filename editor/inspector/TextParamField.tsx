/** Free-text params, shown and edited as plain text (never HTML). */
import type { ParamValue, TextParam } from '../../runtime/sdk/index.ts';
import { useParamDraft } from './useParamDraft.ts';

/** Props of {@link TextParamField}. */
export interface TextParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: TextParam;
  readonly stored: ParamValue | undefined;
}

const format = (v: ParamValue | undefined): string => (v === undefined ? '' : String(v));
const parse = (text: string): ParamValue => text;

/** The text field. */
export function TextParamField({ nodeId, name, desc, stored }: TextParamFieldProps) {
  const draft = useParamDraft(nodeId, name, desc, stored, format, parse);
  const id = `param-${nodeId}-${name}`;
  const common = { id, value: draft.text, onBlur: draft.blur, maxLength: desc.maxLength, 'data-testid': id };
  return (
    <div className="nw-field">
      <label htmlFor={id}>{desc.label ?? name}</label>
      {desc.multiline ? <textarea {...common} rows={4} onChange={(e) => { draft.change(e.target.value); }} /> : <input {...common} type="text" onChange={(e) => { draft.change(e.target.value); }} />}
      {draft.message ? <p className="nw-field-error">{draft.message}</p> : desc.doc ? <p className="nw-field-doc">{desc.doc}</p> : null}
    </div>
  );
}
