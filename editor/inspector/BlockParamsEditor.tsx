/**
 * The exposed params of the open definition (docs/blocks.md): expose an inner param (a new
 * exposed param with its kind, range and current value as the default), bind more inner params
 * to one or unbind them, set its default and range, rename it (every instance's value follows)
 * or remove it. Each change is one undo step; every instance follows.
 */
import { setBlockInterface } from '../../runtime/blocks/commands.ts';
import { removeBlockParam, renameBlockParam } from '../../runtime/blocks/interfaceCommands.ts';
import type { BlockDef, BlockParam } from '../../runtime/graph/blockTypes.ts';
import type { ParamValue } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { bindableParams, exposedFrom, freeName, type InnerParam } from '../model/blockInterface.ts';
import { formatParamValue } from '../model/format.ts';
import { NameField } from './NameField.tsx';

/** Props of {@link BlockParamsEditor}. */
export interface BlockParamsEditorProps {
  readonly blockId: string;
  readonly def: BlockDef;
  readonly blocks: Readonly<Record<string, BlockDef>>;
}

/** A typed value from a field's text, or undefined when it does not read as the kind. */
function parseValue(p: BlockParam, text: string): ParamValue | undefined {
  if (p.kind === 'int' || p.kind === 'float') {
    const n = Number(text);
    return text.trim() === '' || !Number.isFinite(n) || (p.kind === 'int' && !Number.isInteger(n)) ? undefined : n;
  }
  if (p.kind === 'bool') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (p.kind === 'enum') return p.options?.includes(text) ? text : undefined;
  return text;
}

type Field = 'default' | 'min' | 'max';

/** The exposed params of a definition, editable. */
export function BlockParamsEditor({ blockId, def, blocks }: BlockParamsEditorProps) {
  const { store } = useServices();
  const bindable = bindableParams(def, blocks, store.registry);
  const put = (name: string, p: BlockParam): boolean => store.edit((apply) => { apply(setBlockInterface, { block: blockId, params: { [name]: p } }); });
  const expose = (inner: InnerParam): void => {
    put(freeName(inner.param, def.params), exposedFrom(inner, def.nodes[inner.node]?.params[inner.param]));
  };
  const setField = (name: string, p: BlockParam, field: Field, text: string): void => {
    const refuse = (): void => { store.notify('error', `Exposed param "${name}" of block "${blockId}": ${field} "${text}" is not a valid ${p.kind}`); };
    if (field === 'default') {
      const value = parseValue(p, text);
      if (value === undefined) refuse();
      else put(name, { ...p, default: value });
      return;
    }
    const { [field]: _old, ...rest } = p;
    if (text.trim() === '') {
      put(name, rest);
      return;
    }
    const bound = parseValue({ ...p, kind: 'float' }, text);
    if (typeof bound === 'number') put(name, { ...rest, [field]: bound });
    else refuse();
  };
  const field = (name: string, p: BlockParam, f: Field) => {
    const current = f === 'default' ? p.default : p[f];
    return (
      <label key={f} className="nw-inline-label">
        {f}{' '}
        <input
          key={`${name}.${f}.${String(current)}`}
          className="nw-mono nw-name-field"
          size={6}
          data-testid={`param-${f}-${name}`}
          defaultValue={current === undefined ? '' : formatParamValue(current)}
          onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); e.stopPropagation(); }}
          onBlur={(e) => { if (e.target.value !== (current === undefined ? '' : formatParamValue(current))) setField(name, p, f, e.target.value); }}
        />
      </label>
    );
  };
  return (
    <>
      <h3>Exposed params</h3>
      {Object.entries(def.params).map(([name, p]) => {
        const more = bindable.filter((b) => b.desc.kind === p.kind);
        return (
          <div className="nw-field" key={name} data-testid={`exposed-${name}`}>
            <div className="nw-field-row">
              <NameField testId={`param-name-${name}`} value={name} onRename={(to) => store.edit((apply) => { apply(renameBlockParam, { block: blockId, from: name, to }); })} />
              <span className="nw-muted">{p.kind}</span>
              <button type="button" data-testid={`param-remove-${name}`} title="Remove this exposed param (the inner params keep their own values)" onClick={() => { store.edit((apply) => { apply(removeBlockParam, { block: blockId, name }); }); }}>
                ✕
              </button>
            </div>
            <div className="nw-field-row">
              {field(name, p, 'default')}
              {p.kind === 'int' || p.kind === 'float' ? [field(name, p, 'min'), field(name, p, 'max')] : null}
            </div>
            {p.bind.map((b) => (
              <div className="nw-field-row nw-mono" key={`${b.node}.${b.param}`}>
                → {b.node}.{b.param}
                <button type="button" data-testid={`param-unbind-${name}-${b.node}-${b.param}`} title="Unbind: the inner param keeps its own value" onClick={() => { put(name, { ...p, bind: p.bind.filter((x) => x !== b) }); }}>
                  ✕
                </button>
              </div>
            ))}
            {more.length > 0 ? (
              <select data-testid={`param-bind-${name}`} value="" onChange={(e) => { const b = more[Number(e.target.value)]; if (b) put(name, { ...p, bind: [...p.bind, { node: b.node, param: b.param }] }); }}>
                <option value="">Bind also…</option>
                {more.map((b, i) => (
                  <option key={`${b.node}.${b.param}`} value={String(i)}>
                    {b.node}.{b.param}
                  </option>
                ))}
              </select>
            ) : null}
          </div>
        );
      })}
      {bindable.length > 0 ? (
        <select data-testid="param-expose" value="" onChange={(e) => { const b = bindable[Number(e.target.value)]; if (b) expose(b); }}>
          <option value="">Expose an inner param…</option>
          {bindable.map((b, i) => (
            <option key={`${b.node}.${b.param}`} value={String(i)}>
              {b.node}.{b.param} ({b.desc.kind})
            </option>
          ))}
        </select>
      ) : null}
    </>
  );
}
