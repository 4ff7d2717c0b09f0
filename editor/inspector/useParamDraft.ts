/**
 * Text-field editing of a param: the text being typed is a local draft; each valid draft is
 * written to the document at once (squashed into one undo step per field visit), an invalid one
 * shows its message and is not written.
 */
import { useState } from 'react';
import { checkParam, type ParamDescriptor, type ParamValue } from '../../runtime/sdk/index.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { setNodeParam } from '../model/graphActions.ts';

/** What a param field binds to. */
export interface ParamDraft {
  readonly text: string;
  readonly message: string | undefined;
  readonly change: (text: string) => void;
  /** Writes a value directly (sliders, switches, selects). */
  readonly commit: (value: ParamValue) => void;
  readonly blur: () => void;
}

/**
 * Binds a field to one param.
 * @param parse - text to value, or a message saying why the text is not a value.
 */
export function useParamDraft(
  nodeId: string,
  name: string,
  desc: ParamDescriptor,
  stored: ParamValue | undefined,
  format: (v: ParamValue | undefined) => string,
  parse: (text: string) => ParamValue | string,
): ParamDraft {
  const { store } = useServices();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const squashKey = `param:${nodeId}.${name}`;
  const draftMessage = (text: string): string | undefined => {
    const v = parse(text);
    return typeof v === 'string' && desc.kind !== 'text' && desc.kind !== 'enum' ? v : checkParam(desc, v);
  };
  return {
    text: draft ?? format(stored),
    message: draft !== undefined ? draftMessage(draft) : stored === undefined ? (desc.default === undefined ? 'required' : undefined) : checkParam(desc, stored),
    change: (text) => {
      setDraft(text);
      if (draftMessage(text) === undefined) setNodeParam(store, nodeId, name, parse(text), squashKey);
    },
    commit: (value) => {
      setDraft(undefined);
      setNodeParam(store, nodeId, name, value, squashKey);
    },
    blur: () => {
      setDraft(undefined);
      store.closeSquash();
    },
  };
}
