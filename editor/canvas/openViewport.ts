/**
 * Where the view starts when a graph opens. A graph that fits at a legible zoom is fitted whole;
 * one that does not is shown at the legible floor, and along each axis where it overflows the
 * view starts at the graph's beginning (left, top: where its data node sits in every example)
 * rather than at its middle, so a reader starts where the model starts. Fit (F) and the
 * minimap give the overview.
 */
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';

/** The viewport a graph with these bounds opens at in a view of `width` × `height` pixels. */
export function openViewport(bounds: Rect, width: number, height: number, minZoom: number, maxZoom: number, padding: number): Viewport {
  const fit = getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding);
  if (fit.zoom > minZoom) return fit;
  const zoom = minZoom;
  // An axis the graph fits at this zoom (if only with less padding) stays centred as React Flow
  // fitted it; one it overflows starts at the graph's edge, a margin in.
  const start = (origin: number, size: number, view: number, fitted: number): number =>
    size * zoom <= view ? fitted : (view * padding) / 2 - origin * zoom;
  return { zoom, x: start(bounds.x, bounds.width, width, fit.x), y: start(bounds.y, bounds.height, height, fit.y) };
}
