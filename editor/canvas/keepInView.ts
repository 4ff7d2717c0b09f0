/**
 * What the view does when the canvas changes size (the run dock opens, the window shrinks): keep
 * the graph in sight. Framework-free and pure, so the rule is tested headlessly.
 */
import { panToShow, type Box } from '../model/placement.ts';

/** The view's answer to a resize: nothing, a fit within a zoom range, or a pan (flow units). */
export type KeepInViewMove =
  | { readonly kind: 'none' }
  | { readonly kind: 'fit'; readonly minZoom: number; readonly maxZoom: number }
  | { readonly kind: 'pan'; readonly dx: number; readonly dy: number };

/** Whether `inner` lies wholly inside `outer`. */
function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/**
 * How to keep the graph in sight after a resize. `before` and `view` are the visible area in
 * flow units at `zoom`, before and after; `graph` bounds every node, `focus` the selected ones.
 * When a node is out of sight and the whole graph fits at or above `floor` (or the user's own
 * lower zoom), fit it, never zooming in past `zoom`. When it cannot fit legibly, keep the point
 * the user looked at in the middle (a resize that moves the centre hides as little as it can),
 * unless that hides the selection: then pan the least that shows the selection.
 */
export function keepInView(before: Box, view: Box, graph: Box | undefined, focus: Box | undefined, zoom: number, floor: number, padding: number): KeepInViewMove {
  if (!graph || contains(view, graph)) return { kind: 'none' };
  const pixels = { width: view.width * zoom, height: view.height * zoom };
  const grow = 1 + 2 * padding;
  const fitZoom = Math.min(pixels.width / (graph.width * grow), pixels.height / (graph.height * grow));
  const minZoom = Math.min(floor, zoom);
  if (fitZoom >= minZoom) return { kind: 'fit', minZoom, maxZoom: zoom };
  const dx = before.x + before.width / 2 - (view.x + view.width / 2);
  const dy = before.y + before.height / 2 - (view.y + view.height / 2);
  const centred = { ...view, x: view.x + dx, y: view.y + dy };
  if (focus && !contains(centred, focus)) {
    const toFocus = panToShow(view, focus);
    return toFocus.dx === 0 && toFocus.dy === 0 ? { kind: 'none' } : { kind: 'pan', dx: toFocus.dx, dy: toFocus.dy };
  }
  return dx === 0 && dy === 0 ? { kind: 'none' } : { kind: 'pan', dx, dy };
}
