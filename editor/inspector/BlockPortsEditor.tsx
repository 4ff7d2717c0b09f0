/**
 * The ports of the open definition (docs/blocks.md): rename one (the links of every instance
 * follow), remove one (its links go), add an input on a free inner input port or an output on an
 * inner output port. Each change is one undo step and every instance follows.
 */
import { setBlockInterface } from '../../runtime/blocks/commands.ts';
import { removeBlockPort, renameBlockPort, type PortSide } from '../../runtime/blocks/interfaceCommands.ts';
import type { BlockDef } from '../../runtime/graph/blockTypes.ts';
import type { PortRef } from '../../runtime/graph/types.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { freeName, freePorts, portLabel } from '../model/blockInterface.ts';
import { NameField } from './NameField.tsx';

/** Props of {@link BlockPortsEditor}. */
export interface BlockPortsEditorProps {
  readonly blockId: string;
  readonly def: BlockDef;
  readonly blocks: Readonly<Record<string, BlockDef>>;
}

function targets(def: BlockDef, side: PortSide, name: string): string {
  if (side === 'output') {
    const ref = def.outputs[name];
    return ref ? `← ${portLabel(ref)}` : '';
  }
  return `→ ${(def.inputs[name] ?? []).map(portLabel).join(', ')}`;
}

/** The inputs and outputs of a definition, editable. */
export function BlockPortsEditor({ blockId, def, blocks }: BlockPortsEditorProps) {
  const { store } = useServices();
  const add = (side: PortSide, ref: PortRef): void => {
    const ports = side === 'input' ? def.inputs : def.outputs;
    const name = freeName(ref.port, ports);
    store.edit((apply) => {
      if (side === 'input') apply(setBlockInterface, { block: blockId, inputs: { ...def.inputs, [name]: [ref] } });
      else apply(setBlockInterface, { block: blockId, outputs: { ...def.outputs, [name]: ref } });
    });
  };
  const side = (s: PortSide) => {
    const names = Object.keys(s === 'input' ? def.inputs : def.outputs);
    const free = freePorts(def, blocks, store.registry, s);
    return (
      <div className="nw-field" key={s}>
        <label>{s === 'input' ? 'Inputs' : 'Outputs'}</label>
        {names.map((name) => (
          <div className="nw-field-row" key={name}>
            <NameField
              testId={`port-${s}-${name}`}
              value={name}
              onRename={(to) => store.edit((apply) => { apply(renameBlockPort, { block: blockId, side: s, from: name, to }); })}
            />
            <span className="nw-muted nw-mono">{targets(def, s, name)}</span>
            <button type="button" data-testid={`port-remove-${s}-${name}`} title={`Remove this ${s} (links to it go)`} onClick={() => { store.edit((apply) => { apply(removeBlockPort, { block: blockId, side: s, name }); }); }}>
              ✕
            </button>
          </div>
        ))}
        {free.length > 0 ? (
          <select data-testid={`port-add-${s}`} value="" onChange={(e) => { const ref = free[Number(e.target.value)]; if (ref) add(s, ref); }}>
            <option value="">{s === 'input' ? 'Add an input on…' : 'Add an output from…'}</option>
            {free.map((ref, i) => (
              <option key={portLabel(ref)} value={String(i)}>
                {portLabel(ref)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    );
  };
  return (
    <>
      <h3>Ports</h3>
      {side('input')}
      {side('output')}
    </>
  );
}
