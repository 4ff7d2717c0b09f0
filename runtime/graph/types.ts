import type { ParamValue } from '../sdk/params.ts';
import type { BlockDef } from './blockTypes.ts';

/** A JSON value, as kept in a node's saved `data` and in `meta`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A node's position on the canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** One end of an edge: a node and one of its ports, by name. */
export interface PortRef {
  readonly node: string;
  readonly port: string;
}

/** A node in the graph document. Params are keyed by name, never by position. */
export interface GraphNode {
  readonly id: string;
  /** Plugin id. */
  readonly type: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly position: Position;
  readonly label?: string;
  /**
   * Data the plugin saves with the graph besides params (for example the LR refiner's
   * refined schedule and the gradient norms it came from). JSON only.
   */
  readonly data?: Readonly<Record<string, JsonValue>>;
}

/** A link from an output port to an input port. An input takes at most one edge. */
export interface GraphEdge {
  readonly id: string;
  readonly from: PortRef;
  readonly to: PortRef;
}

/**
 * A node whose plugin is not registered. It keeps the stored JSON exactly, so saving writes
 * it back byte-for-byte, and the ports its links name, so they can be drawn.
 */
export interface PlaceholderInfo {
  /** The node exactly as it was in the file (after core migrations). */
  readonly raw: JsonValue;
  /** Version of the missing plugin recorded in the file's lock, if any. */
  readonly lockedVersion?: string;
  /** Migration number of the missing plugin recorded in the file's lock, if any. */
  readonly lockedMigration?: number;
}

/** Free-form document metadata saved with the file. */
export interface GraphMeta {
  readonly title?: string;
  readonly description?: string;
  readonly [key: string]: JsonValue | undefined;
}

/**
 * The graph document: the single source of truth the editor, compiler and files agree on.
 * Immutable: change it only through commands (see `commands.ts`).
 */
export interface GraphDoc {
  readonly nodes: Readonly<Record<string, GraphNode>>;
  readonly edges: Readonly<Record<string, GraphEdge>>;
  readonly meta: GraphMeta;
  /** Nodes whose plugin is missing, by node id. These nodes are also in `nodes`. */
  readonly placeholders: Readonly<Record<string, PlaceholderInfo>>;
  /**
   * Block definitions by id (format version 2); instances are nodes of type `block`. Absent
   * or empty in a document without blocks. See `blockTypes.ts`.
   */
  readonly blocks?: Readonly<Record<string, BlockDef>>;
}

/** An empty document. */
export function emptyGraph(meta: GraphMeta = {}): GraphDoc {
  return { nodes: {}, edges: {}, meta, placeholders: {} };
}
