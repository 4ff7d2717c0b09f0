/**
 * Blocks: reusable sub-graphs kept in the graph document (file format version 2). A block
 * definition is a small graph of its own with named input and output ports and exposed params;
 * an instance is a node of type {@link BLOCK_TYPE} whose params name the definition, the repeat
 * count and values of the exposed params. See docs/blocks.md.
 */
import type { ParamValue } from '../sdk/params.ts';
import type { GraphEdge, GraphNode, PlaceholderInfo, PortRef } from './types.ts';

/** The node type of a block instance. Reserved: no plugin may use it. */
export const BLOCK_TYPE = 'block';

/** The instance param that names the definition. */
export const BLOCK_PARAM = 'block';

/** The instance param that chains copies of the definition (output -> input). */
export const REPEAT_PARAM = 'repeat';

/** Most copies one instance may chain. Refused above, so a file cannot ask for 10^9 layers. */
export const MAX_REPEAT = 1024;

/** Deepest nesting of blocks inside blocks. */
export const MAX_BLOCK_DEPTH = 16;

/** Kinds an exposed param can have (the scalar kinds of plugin params). */
export type BlockParamKind = 'int' | 'float' | 'bool' | 'enum' | 'text';

/** One inner param an exposed param sets: a node of the definition and one of its params. */
export interface BlockBinding {
  readonly node: string;
  readonly param: string;
}

/**
 * An exposed param of a block: a typed value set per instance, written into every bound inner
 * param when the instance is flattened.
 */
export interface BlockParam {
  readonly kind: BlockParamKind;
  readonly default: ParamValue;
  readonly min?: number;
  readonly max?: number;
  /** The choices of an `enum` param. */
  readonly options?: readonly string[];
  readonly doc?: string;
  /** The inner params it sets; an inner block instance may be bound by `repeat` or its own exposed params. */
  readonly bind: readonly BlockBinding[];
}

/** A block definition: a sub-graph with named ports and exposed params. */
export interface BlockDef {
  readonly title?: string;
  readonly doc?: string;
  /** Input port name -> the inner input ports it feeds (one or more). */
  readonly inputs: Readonly<Record<string, readonly PortRef[]>>;
  /** Output port name -> the inner output port it gives. */
  readonly outputs: Readonly<Record<string, PortRef>>;
  readonly params: Readonly<Record<string, BlockParam>>;
  readonly nodes: Readonly<Record<string, GraphNode>>;
  readonly edges: Readonly<Record<string, GraphEdge>>;
  /** Inner nodes whose plugin is missing, by inner node id (kept exactly as stored). */
  readonly placeholders: Readonly<Record<string, PlaceholderInfo>>;
}

/** Whether a node is a block instance. */
export function isInstance(node: { readonly type: string }): boolean {
  return node.type === BLOCK_TYPE;
}

/** The definition id an instance names, or `undefined` when its `block` param is not text. */
export function instanceBlockId(node: GraphNode): string | undefined {
  const id = node.params[BLOCK_PARAM];
  return typeof id === 'string' ? id : undefined;
}

/** The repeat count of an instance as stored (1 when absent); not checked. */
export function instanceRepeat(node: GraphNode): ParamValue {
  return Object.hasOwn(node.params, REPEAT_PARAM) ? node.params[REPEAT_PARAM]! : 1;
}
