/**
 * The params of a block instance as plugin-style descriptors: `block` (the definition id),
 * `repeat` (1 to {@link MAX_REPEAT}) and the definition's exposed params. The same descriptors
 * check files, commands and the inspector's fields.
 */
import {
  BLOCK_PARAM,
  MAX_REPEAT,
  REPEAT_PARAM,
  type BlockDef,
  type BlockParam,
} from '../graph/blockTypes.ts';
import type { ParamDescriptor, ParamDescriptors, ParamValue } from '../sdk/params.ts';
import { resolveParams } from '../sdk/params.ts';

/** The descriptor of one exposed param. */
export function blockParamDescriptor(p: BlockParam): ParamDescriptor {
  const base = { ...(p.doc === undefined ? {} : { doc: p.doc }) };
  switch (p.kind) {
    case 'int':
    case 'float':
      return {
        ...base,
        kind: p.kind,
        default: p.default as number,
        ...(p.min === undefined ? {} : { min: p.min }),
        ...(p.max === undefined ? {} : { max: p.max }),
      };
    case 'bool':
      return { ...base, kind: 'bool', default: p.default as boolean };
    case 'enum':
      return { ...base, kind: 'enum', options: p.options ?? [], default: p.default as string };
    case 'text':
      return { ...base, kind: 'text', default: p.default as string };
  }
}

/** The descriptor of the repeat count. */
export const REPEAT_DESCRIPTOR: ParamDescriptor = {
  kind: 'int',
  min: 1,
  max: MAX_REPEAT,
  default: 1,
  doc: `Copies chained output -> input, each with its own weights (1 to ${MAX_REPEAT}).`,
};

/** Every param an instance of `def` takes, keyed by name. */
export function instanceDescriptors(def: BlockDef): ParamDescriptors {
  const out: Record<string, ParamDescriptor> = {
    [BLOCK_PARAM]: { kind: 'text', doc: 'The block definition this instance uses.' },
    [REPEAT_PARAM]: REPEAT_DESCRIPTOR,
  };
  for (const [name, p] of Object.entries(def.params)) out[name] = blockParamDescriptor(p);
  return out;
}

/**
 * An instance's params with defaults filled in, or the problems, each naming its param.
 * Exposed params named `block` or `repeat` are refused by the definition check.
 */
export function resolveInstanceParams(
  def: BlockDef,
  stored: Readonly<Record<string, ParamValue>>,
):
  | { ok: true; values: Record<string, ParamValue> }
  | { ok: false; issues: readonly { param: string; message: string }[] } {
  const r = resolveParams(instanceDescriptors(def), stored);
  return r.ok ? { ok: true, values: { ...r.values } } : r;
}
