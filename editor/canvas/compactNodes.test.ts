import { getViewportForBounds, type ReactFlowState } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { FEW_NODES, FIT_PADDING, fitZoom, OPEN_MIN_ZOOM, selectCompact, selectCompactBeforeFit, selectFewInView } from './compactNodes.ts';
import { COMPACT_ZOOM } from './nodeGeometry.ts';

/** The parts of React Flow's state the selectors read: a grid of `count` nodes 260 x 160 apart. */
function state(count: number, transform: [number, number, number], size = { width: 870, height: 600 }): ReactFlowState {
  const nodeLookup = new Map<string, unknown>();
  for (let i = 0; i < count; i++) {
    nodeLookup.set(`n${String(i)}`, {
      hidden: false,
      measured: { width: undefined, height: undefined },
      initialWidth: 180,
      initialHeight: 100,
      internals: { positionAbsolute: { x: (i % 10) * 260, y: Math.floor(i / 10) * 160 } },
    });
  }
  return { nodeLookup, nodes: [], transform, ...size, minZoom: 0.02, maxZoom: 2.5 } as unknown as ReactFlowState;
}

describe('compact nodes', () => {
  it('predicts the zoom of a fit-view from the nodes and the view size', () => {
    const s = state(1000, [0, 0, 1]);
    const bounds = { x: 0, y: 0, width: 9 * 260 + 180, height: 99 * 160 + 100 };
    expect(fitZoom(s)).toBeCloseTo(getViewportForBounds(bounds, 870, 600, 0.02, 2.5, FIT_PADDING).zoom, 9);
    expect(fitZoom(state(0, [0, 0, 1]))).toBeUndefined();
    expect(fitZoom(state(10, [0, 0, 1], { width: 0, height: 0 }))).toBeUndefined();
  });

  it('judges a graph before its fit at the zoom the fit will give, never below the legible floor', () => {
    // React Flow's zoom is still 1 when a big graph is first drawn; the fit would go far below
    // COMPACT_ZOOM, but a graph opens at OPEN_MIN_ZOOM at least, where nodes are drawn in detail.
    expect(selectCompact(state(1000, [0, 0, 1]))).toBe(false);
    expect(fitZoom(state(1000, [0, 0, 1]))).toBeLessThan(COMPACT_ZOOM);
    expect(OPEN_MIN_ZOOM).toBeGreaterThan(COMPACT_ZOOM);
    expect(selectCompactBeforeFit(state(1000, [0, 0, 1]))).toBe(false);
    // A small graph fits at a readable zoom.
    expect(selectCompactBeforeFit(state(4, [0, 0, 0.1]))).toBe(false);
    expect(selectCompact(state(4, [0, 0, COMPACT_ZOOM / 2]))).toBe(true);
  });

  it('counts the nodes in view only when they are drawn in detail', () => {
    // Zoom 1 on an 870 x 600 view: a 4 x 4 corner of the grid.
    expect(selectFewInView(state(1000, [0, 0, 1]))).toBe(true);
    // Zoom 0.45 on a 2000 x 1200 view: more than FEW_NODES in view (the grid is 10 wide).
    const zoom = 0.45;
    const view = { width: 2000, height: 1200 };
    const inView = Math.min(10, Math.ceil(view.width / zoom / 260)) * Math.ceil(view.height / zoom / 160);
    expect(inView).toBeGreaterThan(FEW_NODES);
    expect(selectFewInView(state(1000, [0, 0, zoom], view))).toBe(false);
    // Compact: never.
    expect(selectFewInView(state(4, [0, 0, COMPACT_ZOOM / 2]))).toBe(false);
  });
});
