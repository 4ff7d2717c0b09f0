/**
 * The params of a block definition's inner nodes, edited from an instance's inspector: each
 * change goes through the runtime's `editBlockCommand`, so every instance of the block follows
 * at once and the change is one undo step. Params bound to an exposed param are set on the
 * instance instead and are shown read-only here. Values are checked against the plugin's
 * descriptor; a refused value shows its message and is not written.
 */
import { useState } from 'react';
import { blockEdit, editBlockCommand } from '../../runtime/blocks/commands.ts';
import type { BlockDef } from '../../runtime/graph/blockTypes.ts';
import { setParam } from '../../runtime/graph/commands.ts';
import { checkParam, type ParamDescriptor, type ParamValue } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { formatParamValue } from '../model/format.ts';

/** Props of {@link BlockDefinitionParams}. */
export interface BlockDefinitionParamsProps {
  readonly blockId: string;
  readonly def: BlockDef;
}

interface FieldProps {
  readonly blockId: string;
  readonly node: string;
  readonly name: string;
  readonly desc: ParamDescriptor;
  readonly stored: ParamValue | undefined;
}

function parse(desc: ParamDescriptor, text: string): ParamValue {
  if (desc.kind === 'int' || desc.kind === 'float') return text.trim() === '' ? Number.NaN : Number(text);
  if (desc.kind === 'bool') return text === 'true';
  if (desc.kind === 'ints') return text.split(',').map((t) => Number(t.trim()));
  return text;
}

function InnerField({ blockId, node, name, desc, stored }: FieldProps) {
  const { store } = useServices();
  const [message, setMessage] = useState<string | undefined>(undefined);
  const id = `def-${blockId}-${node}-${name}`;
  const write = (text: string): void => {
    const value = parse(desc, text);
    const why = checkParam(desc, value);
    setMessage(why);
    if (why !== undefined || value === (stored ?? desc.default)) return;
    store.edit((apply) => {
      apply(editBlockCommand, blockEdit(blockId, setParam, { node, param: name, value }));
    });
  };
  const current = formatParamValue(stored ?? desc.default);
  return (
    <div className="nw-field">
      <label htmlFor={id}>
        {node}.{name}
      </label>
      {desc.kind === 'enum' || desc.kind === 'bool' ? (
        <select
          id={id}
          data-testid={id}
          value={String(stored ?? desc.default)}
          onChange={(e) => {
            write(e.target.value);
          }}
        >
          {(desc.kind === 'enum' ? desc.options : ['true', 'false']).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          data-testid={id}
          key={current}
          defaultValue={current}
          onBlur={(e) => {
            write(e.target.value);
          }}
          aria-invalid={message !== undefined}
        />
      )}
      {message ? (
        <p className="nw-error" data-testid={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** The definition's inner params; every instance of the block follows an edit. */
export function BlockDefinitionParams({ blockId, def }: BlockDefinitionParamsProps) {
  const { store } = useServices();
  const bound = new Set(Object.values(def.params).flatMap((p) => p.bind.map((b) => `${b.node}.${b.param}`)));
  return (
    <details className="nw-block-definition" data-testid={`definition-${blockId}`}>
      <summary>Definition “{def.title ?? blockId}”: edits change every instance</summary>
      {Object.values(def.nodes).map((n) => {
        const spec = Object.hasOwn(def.placeholders, n.id) ? undefined : store.registry.get(n.type);
        if (!spec) return null;
        return Object.entries(spec.params)
          .filter(([name, d]) => !d.implementation && !bound.has(`${n.id}.${name}`))
          .map(([name, d]) => (
            <InnerField
              key={`${n.id}.${name}`}
              blockId={blockId}
              node={n.id}
              name={name}
              desc={d}
              stored={n.params[name]}
            />
          ));
      })}
    </details>
  );
}
