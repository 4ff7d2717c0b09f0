import { getViewportForBounds } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { openViewport } from './openViewport.ts';

describe('openViewport', () => {
  const view = { width: 870, height: 590 };
  const open = (bounds: { x: number; y: number; width: number; height: number }) => openViewport(bounds, view.width, view.height, 0.7, 1.5, 0.15);

  it('fits a graph that fits at a legible zoom, as React Flow would', () => {
    const bounds = { x: 0, y: 0, width: 600, height: 300 };
    expect(open(bounds)).toEqual(getViewportForBounds(bounds, view.width, view.height, 0.7, 1.5, 0.15));
    expect(open(bounds).zoom).toBeGreaterThan(0.7);
  });

  it('starts a graph too big for the floor at its top-left corner, at the floor', () => {
    const v = open({ x: 100, y: -50, width: 3000, height: 2000 });
    expect(v.zoom).toBe(0.7);
    // The graph's corner lands at the padding margin: its start (the data node) is in view.
    expect(100 * v.zoom + v.x).toBeCloseTo((870 * 0.15) / 2);
    expect(-50 * v.zoom + v.y).toBeCloseTo((590 * 0.15) / 2);
  });

  it('keeps a graph centred that fits the floor only with less padding', () => {
    const bounds = { x: 0, y: 0, width: 1200, height: 300 };
    const v = open(bounds);
    expect(v.zoom).toBe(0.7);
    expect(v.x).toBeCloseTo(getViewportForBounds(bounds, view.width, view.height, 0.7, 1.5, 0.15).x);
    expect(v.x + 1200 * 0.7).toBeLessThanOrEqual(870);
    expect(v.x).toBeGreaterThanOrEqual(0);
  });

  it('centres the axis that fits and starts the one that overflows', () => {
    const bounds = { x: 0, y: 0, width: 400, height: 2000 };
    const v = open(bounds);
    expect(v.zoom).toBe(0.7);
    const fitted = getViewportForBounds(bounds, view.width, view.height, 0.7, 1.5, 0.15);
    expect(v.x).toBeCloseTo(fitted.x);
    expect(v.y).toBeCloseTo((590 * 0.15) / 2);
  });
});
