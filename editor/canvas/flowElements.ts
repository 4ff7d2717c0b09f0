/**
 * Turns the document into React Flow's node and edge arrays. React Flow is a view: these
 * arrays are rebuilt from the store, but every unchanged node or edge keeps its object
 * identity, so React Flow re-renders only what changed. Measured sizes (reported by React
 * Flow) are session data kept here, never in the document.
 */
import { BLOCK_TYPE } from '../../runtime/graph/blockTypes.ts';
import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode } from '../../runtime/graph/types.ts';

/** Data on a flow node: just the id. The node component reads everything else from the store. */
export type FlowNodeData = { readonly id: string };
/** A flow node as rendered. */
export type FlowNode = Node<FlowNodeData, 'plugin' | 'placeholder' | 'block'>;

interface Size {
  readonly width: number;
  readonly height: number;
}

interface CachedNode {
  readonly src: GraphNode;
  readonly selected: boolean;
  readonly placeholder: boolean;
  /** The estimate for `src`, made once per document version of the node. */
  readonly estimated: Size;
  /** The size React Flow works with for this node: the measured one, else the estimate. */
  readonly shown: Size;
  readonly flow: FlowNode;
}

interface CachedEdge {
  readonly src: GraphEdge;
  readonly selected: boolean;
  readonly flow: Edge;
}

/** Size a node is expected to have before React Flow has measured it. */
export type SizeEstimate = (node: GraphNode) => Size;

const DEFAULT_ESTIMATE: SizeEstimate = () => ({ width: 220, height: 110 });

const sameSize = (a: Size, b: Size): boolean => a.width === b.width && a.height === b.height;

/** Cache of flow elements across renders. */
export class FlowElementCache {
  private readonly sizes = new Map<string, Size>();
  private nodeCache = new Map<string, CachedNode>();
  private edgeCache = new Map<string, CachedEdge>();

  /**
   * Records a measured size. Returns whether the flow nodes must be rebuilt for it: not when
   * React Flow already works with that size (a compact node is drawn at its estimate), which
   * spares re-rendering every node of a big graph once it has been measured. React Flow keeps
   * the measurement itself either way; later flow nodes carry it.
   */
  setSize(id: string, width: number, height: number): boolean {
    const old = this.sizes.get(id);
    if (old?.width === width && old.height === height) return false;
    const size = { width, height };
    this.sizes.set(id, size);
    const shown = this.nodeCache.get(id)?.shown;
    return shown === undefined || !sameSize(shown, size);
  }

  /** A measured size, when known. */
  size(id: string): Size | undefined {
    return this.sizes.get(id);
  }

  /** Flow nodes for the document's nodes. */
  nodes(
    nodes: Readonly<Record<string, GraphNode>>,
    placeholders: Readonly<Record<string, unknown>>,
    selected: ReadonlySet<string>,
    estimate: SizeEstimate = DEFAULT_ESTIMATE,
  ): FlowNode[] {
    const next = new Map<string, CachedNode>();
    const out: FlowNode[] = [];
    for (const src of Object.values(nodes)) {
      const sel = selected.has(src.id);
      const ph = Object.hasOwn(placeholders, src.id);
      const size = this.sizes.get(src.id);
      const prev = this.nodeCache.get(src.id);
      let entry = prev;
      if (prev?.src !== src || prev.selected !== sel || prev.placeholder !== ph || (size !== undefined && !sameSize(size, prev.shown))) {
        const estimated = prev?.src === src ? prev.estimated : estimate(src);
        const flow: FlowNode = {
          id: src.id,
          type: ph ? 'placeholder' : src.type === BLOCK_TYPE ? 'block' : 'plugin',
          position: src.position,
          data: prev?.flow.data ?? { id: src.id },
          selected: sel,
          // Until React Flow measures a node (it only renders visible ones), fit-view, culling
          // and the minimap use this size, and a compact node is drawn at it.
          initialWidth: estimated.width,
          initialHeight: estimated.height,
          ...(size ? { measured: size } : {}),
        };
        entry = { src, selected: sel, placeholder: ph, estimated, shown: size ?? estimated, flow };
      }
      next.set(src.id, entry!);
      out.push(entry!.flow);
    }
    this.nodeCache = next;
    for (const id of this.sizes.keys()) if (!next.has(id)) this.sizes.delete(id);
    return out;
  }

  /** Flow edges for the document's edges. */
  edges(edges: Readonly<Record<string, GraphEdge>>, selected: ReadonlySet<string>): Edge[] {
    const next = new Map<string, CachedEdge>();
    const out: Edge[] = [];
    for (const src of Object.values(edges)) {
      const sel = selected.has(src.id);
      const prev = this.edgeCache.get(src.id);
      const entry =
        prev?.src === src && prev.selected === sel
          ? prev
          : {
              src,
              selected: sel,
              flow: {
                id: src.id,
                source: src.from.node,
                sourceHandle: src.from.port,
                target: src.to.node,
                targetHandle: src.to.port,
                selected: sel,
              },
            };
      next.set(src.id, entry);
      out.push(entry.flow);
    }
    this.edgeCache = next;
    return out;
  }
}
