/** Int and float params: a number field with min/max/step, plus a log slider for log params. */
import type { FloatParam, IntParam, ParamValue } from '../../runtime/sdk/index.ts';
import { formatParamValue } from '../model/format.ts';
import { fromLogPosition, LOG_STEPS, toLogPosition } from './logScale.ts';
import { useParamDraft } from './useParamDraft.ts';

/** Props of {@link NumberParamField}. */
export interface NumberParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly desc: IntParam | FloatParam;
  readonly stored: ParamValue | undefined;
}

function parseNumber(text: string): ParamValue | string {
  if (text.trim() === '') return 'must be a number';
  const v = Number(text);
  return Number.isFinite(v) ? v : 'must be a finite number';
}

/** The number field. */
export function NumberParamField({ nodeId, name, desc, stored }: NumberParamFieldProps) {
  const draft = useParamDraft(nodeId, name, desc, stored, formatParamValue, parseNumber);
  const current = typeof stored === 'number' ? stored : (desc.default ?? desc.min ?? 1);
  const id = `param-${nodeId}-${name}`;
  return (
    <div className="nw-field">
      <label htmlFor={id}>{desc.label ?? name}</label>
      <div className="nw-field-row">
        <input
          id={id}
          type="number"
          inputMode={desc.kind === 'int' ? 'numeric' : 'decimal'}
          min={desc.min}
          max={desc.max}
          step={desc.step ?? (desc.kind === 'int' ? 1 : 'any')}
          value={draft.text}
          onChange={(e) => { draft.change(e.target.value); }}
          onBlur={draft.blur}
          aria-invalid={draft.message !== undefined}
          data-testid={id}
        />
        {desc.log ? (
          <input
            type="range"
            className="nw-log-slider"
            min={0}
            max={LOG_STEPS}
            value={toLogPosition(current, desc.min, desc.max)}
            onChange={(e) => { draft.commit(fromLogPosition(Number(e.target.value), desc.min, desc.max, desc.kind === 'int', current)); }}
            onPointerUp={draft.blur}
            aria-label={`${desc.label ?? name} (log scale)`}
            data-testid={`${id}-slider`}
          />
        ) : null}
      </div>
      {draft.message ? <p className="nw-field-error" data-testid={`${id}-error`}>{draft.message}</p> : desc.doc ? <p className="nw-field-doc">{desc.doc}</p> : null}
    </div>
  );
}
