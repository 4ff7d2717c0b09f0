/** Integer-list params (kernel sizes, shapes): typed as `3, 3`. */
import type { IntsParam, ParamValue } from '../../runtime/sdk/index.ts';
import { useParamDraft } from './useParamDraft.ts';

/** Props of {@link IntsParamField}. */
export interface IntsParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: IntsParam;
  readonly stored: ParamValue | undefined;
}

const format = (v: ParamValue | undefined): string => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));

function parse(text: string): ParamValue | string {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const nums = parts.map(Number);
  return nums.every((n) => Number.isInteger(n)) ? nums : 'must be integers separated by commas';
}

/** The list field. */
export function IntsParamField({ nodeId, name, desc, stored }: IntsParamFieldProps) {
  const draft = useParamDraft(nodeId, name, desc, stored, format, parse);
  const id = `param-${nodeId}-${name}`;
  const hint = desc.length !== undefined ? `${desc.length} integers` : 'integers';
  return (
    <div className="nw-field">
      <label htmlFor={id}>{desc.label ?? name}</label>
      <input id={id} type="text" placeholder={hint} value={draft.text} onChange={(e) => { draft.change(e.target.value); }} onBlur={draft.blur} aria-invalid={draft.message !== undefined} data-testid={id} />
      {draft.message ? <p className="nw-field-error" data-testid={`${id}-error`}>{draft.message}</p> : desc.doc ? <p className="nw-field-doc">{desc.doc}</p> : null}
    </div>
  );
}
