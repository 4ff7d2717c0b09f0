/**
 * Whether the canvas draws nodes compact (zoomed out below {@link COMPACT_ZOOM}). The canvas
 * watches the zoom once and provides the answer through {@link CompactNodesContext}, so a
 * thousand nodes do not each watch every pan and zoom step.
 *
 * When a graph opens, React Flow draws every node once to measure it, before the view is fitted
 * to the graph: judged by the zoom at that moment (1), a big graph would be drawn in full detail
 * only to be redrawn compact a frame later. Until the fit is done, the zoom the fit will give is
 * used instead.
 */
import { getViewportForBounds, type ReactFlowState } from '@xyflow/react';
import { createContext } from 'react';
import { COMPACT_ZOOM } from './nodeGeometry.ts';

/** Padding of every fit-view on the canvas (a fraction of the view). */
export const FIT_PADDING = 0.15;

/**
 * The least zoom a graph is opened at: node text (11-12 px) stays at 8 px or more. A graph that
 * does not fit at this zoom opens at it, from its start (openViewport.ts); Fit (F) and the minimap
 * give the overview.
 */
export const OPEN_MIN_ZOOM = 0.7;

/** True while nodes are drawn compact. */
export const CompactNodesContext = createContext(false);

/** The zoom a fit-view would give now, or undefined when there is nothing to fit or no view yet. */
export function fitZoom(s: ReactFlowState): number | undefined {
  if (s.width <= 0 || s.height <= 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden) continue;
    const { x, y } = n.internals.positionAbsolute;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + (n.measured.width ?? n.width ?? n.initialWidth ?? 0));
    y1 = Math.max(y1, y + (n.measured.height ?? n.height ?? n.initialHeight ?? 0));
  }
  if (x0 === Infinity) return undefined;
  return getViewportForBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, s.width, s.height, s.minZoom, s.maxZoom, FIT_PADDING).zoom;
}

/**
 * Up to this many nodes in view (drawn in detail), the flow is given a compositing layer of its
 * own: a pan step then moves already drawn pixels instead of redrawing every node (about four
 * times less drawing per frame in software rendering). With more nodes the browser's layer
 * bookkeeping grows faster than the drawing it saves, so it is off (and always off for compact
 * nodes, which are cheap to draw).
 */
export const FEW_NODES = 100;

/** Selector: whether nodes are drawn in detail and at most {@link FEW_NODES} are in view. */
export const selectFewInView = (s: ReactFlowState): boolean => {
  const [tx, ty, zoom] = s.transform;
  if (zoom < COMPACT_ZOOM) return false;
  const x0 = -tx / zoom;
  const y0 = -ty / zoom;
  const x1 = x0 + s.width / zoom;
  const y1 = y0 + s.height / zoom;
  let count = 0;
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? n.width ?? n.initialWidth ?? 0;
    const h = n.measured.height ?? n.height ?? n.initialHeight ?? 0;
    if (x < x1 && x + w > x0 && y < y1 && y + h > y0 && ++count > FEW_NODES) return false;
  }
  return true;
};

/** Selector: whether nodes are drawn compact at the current zoom. */
export const selectCompact = (s: ReactFlowState): boolean => s.transform[2] < COMPACT_ZOOM;

// The fit's zoom per node list and view size: the selector runs on every store update while a
// fit is pending, and a pass over 2,000 nodes each time would add up.
const fitZoomCache = new WeakMap<object, { width: number; height: number; zoom: number | undefined }>();

/** Selector for while a fit-view is pending: judged by the zoom the fit will give. */
export const selectCompactBeforeFit = (s: ReactFlowState): boolean => {
  let hit = fitZoomCache.get(s.nodes);
  if (hit?.width !== s.width || hit.height !== s.height) {
    hit = { width: s.width, height: s.height, zoom: fitZoom(s) };
    fitZoomCache.set(s.nodes, hit);
  }
  return (hit.zoom === undefined ? s.transform[2] : Math.max(hit.zoom, OPEN_MIN_ZOOM)) < COMPACT_ZOOM;
};
