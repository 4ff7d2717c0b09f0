/**
 * What the rest of the UI needs from the mounted canvas (the pointer position in flow
 * coordinates, the visible centre, fit view), without holding React Flow itself.
 */
import type { Position } from '../../runtime/graph/types.ts';

/** Calls the canvas provides once mounted. */
export interface CanvasApi {
  /** Flow coordinates of the centre of the visible area. */
  center(): Position;
  fitView(): void;
  /** Flow coordinates for a screen point. */
  screenToFlow(p: Position): Position;
  /** Measured size of a node, when known. */
  nodeSize(id: string): { width: number; height: number } | undefined;
  /** Pans (never zooms) the least that shows a box given in flow coordinates. */
  reveal(box: { x: number; y: number; width: number; height: number }): void;
}

/** Mutable bridge object shared through context. */
export interface CanvasBridge {
  /** Last pointer position over the canvas, in flow coordinates. */
  pointer: Position | undefined;
  api: CanvasApi | undefined;
}

/** A new, empty bridge. */
export function createCanvasBridge(): CanvasBridge {
  return { pointer: undefined, api: undefined };
}

/** Where "add at the cursor" puts a node: the pointer if over the canvas, else the centre. */
export function insertionPoint(bridge: CanvasBridge): Position {
  return bridge.pointer ?? bridge.api?.center() ?? { x: 0, y: 0 };
}

/** Installs (or with undefined, removes) the canvas API. */
export function setCanvasApi(bridge: CanvasBridge, api: CanvasApi | undefined): void {
  bridge.api = api;
}

/** Records the pointer position (flow coordinates), or undefined when it left the canvas. */
export function setPointer(bridge: CanvasBridge, p: Position | undefined): void {
  bridge.pointer = p;
}
