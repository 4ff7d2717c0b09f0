/**
 * What the interface editor of an open definition offers (editor/inspector/BlockInterfacePanel.tsx):
 * the inner ports a new block input or output can use, the inner params an exposed param can
 * bind, and the exposed param made from one inner param (its kind, range and current value).
 */
import { instanceDescriptors } from '../../runtime/blocks/params.ts';
import { BLOCK_PARAM, instanceBlockId, isInstance, type BlockDef, type BlockParam, type BlockParamKind } from '../../runtime/graph/blockTypes.ts';
import type { GraphNode, PortRef } from '../../runtime/graph/types.ts';
import type { ParamDescriptor, ParamDescriptors, ParamValue, Registry } from '../../runtime/sdk/index.ts';

/** The port names of an inner node, by side: its plugin's, or its block's for an instance. */
function portNames(node: GraphNode, blocks: Readonly<Record<string, BlockDef>>, registry: Registry, side: 'input' | 'output'): string[] {
  if (isInstance(node)) {
    const def = blocks[instanceBlockId(node) ?? ''];
    return Object.keys((side === 'input' ? def?.inputs : def?.outputs) ?? {});
  }
  const spec = registry.get(node.type);
  return Object.keys((side === 'input' ? spec?.inputs : spec?.outputs) ?? {});
}

/** The param descriptors of an inner node (an instance: repeat and its exposed params). */
export function innerDescriptors(node: GraphNode, blocks: Readonly<Record<string, BlockDef>>, registry: Registry): ParamDescriptors {
  if (!isInstance(node)) return registry.get(node.type)?.params ?? {};
  const def = blocks[instanceBlockId(node) ?? ''];
  if (!def) return {};
  const { [BLOCK_PARAM]: _block, ...rest } = instanceDescriptors(def);
  return rest;
}

/** `node.port` as the editor lists an inner port. */
export function portLabel(ref: PortRef): string {
  return `${ref.node}.${ref.port}`;
}

/**
 * Inner ports a new block port can use: for inputs, the input ports that no edge and no block
 * input feeds yet; for outputs, every output port not already given by a block output.
 */
export function freePorts(def: BlockDef, blocks: Readonly<Record<string, BlockDef>>, registry: Registry, side: 'input' | 'output'): PortRef[] {
  const used = new Set<string>();
  if (side === 'input') {
    for (const e of Object.values(def.edges)) used.add(portLabel(e.to));
    for (const refs of Object.values(def.inputs)) for (const r of refs) used.add(portLabel(r));
  } else for (const r of Object.values(def.outputs)) used.add(portLabel(r));
  const out: PortRef[] = [];
  for (const node of Object.values(def.nodes))
    for (const port of portNames(node, blocks, registry, side)) if (!used.has(`${node.id}.${port}`)) out.push({ node: node.id, port });
  return out;
}

const KINDS: ReadonlySet<string> = new Set<BlockParamKind>(['int', 'float', 'bool', 'enum', 'text']);

/** One inner param an exposed param may bind. */
export interface InnerParam {
  readonly node: string;
  readonly param: string;
  readonly desc: ParamDescriptor;
}

/** Inner params of a kind an exposed param can have, not bound yet. */
export function bindableParams(def: BlockDef, blocks: Readonly<Record<string, BlockDef>>, registry: Registry): InnerParam[] {
  const bound = new Set(Object.values(def.params).flatMap((p) => p.bind.map((b) => `${b.node}.${b.param}`)));
  const out: InnerParam[] = [];
  for (const node of Object.values(def.nodes))
    for (const [param, desc] of Object.entries(innerDescriptors(node, blocks, registry)))
      if (KINDS.has(desc.kind) && !bound.has(`${node.id}.${param}`)) out.push({ node: node.id, param, desc });
  return out;
}

/** A name not in `taken`: `base`, else `base2`, `base3`, … (never `block` or `repeat`). */
export function freeName(base: string, taken: Readonly<Record<string, unknown>>): string {
  const clash = (n: string): boolean => Object.hasOwn(taken, n) || n === 'block' || n === 'repeat';
  if (!clash(base)) return base;
  for (let i = 2; ; i++) if (!clash(`${base}${String(i)}`)) return `${base}${String(i)}`;
}

/** The exposed param made from inner param `p`: its kind, options and range, its current value as the default. */
export function exposedFrom(p: InnerParam, value: ParamValue | undefined): BlockParam {
  const desc = p.desc;
  const range = desc.kind === 'int' || desc.kind === 'float' ? { ...(desc.min === undefined ? {} : { min: desc.min }), ...(desc.max === undefined ? {} : { max: desc.max }) } : {};
  return {
    kind: desc.kind as BlockParamKind,
    default: value ?? desc.default ?? (desc.kind === 'bool' ? false : desc.kind === 'enum' ? (desc.options[0] ?? '') : desc.kind === 'text' ? '' : 0),
    ...range,
    ...(desc.kind === 'enum' ? { options: desc.options } : {}),
    ...(desc.doc === undefined ? {} : { doc: desc.doc }),
    bind: [{ node: p.node, param: p.param }],
  };
}
