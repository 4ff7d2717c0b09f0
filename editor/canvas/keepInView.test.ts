import { describe, expect, it } from 'vitest';
import { keepInView } from './keepInView.ts';

// A 1000x600 px canvas at zoom 1 that drops to 1000x370 (the run dock opens).
const before = { x: 0, y: 0, width: 1000, height: 600 };
const view = { x: 0, y: 0, width: 1000, height: 370 };

describe('keepInView', () => {
  it('leaves the view alone when every node is in sight', () => {
    expect(keepInView(before, view, { x: 10, y: 10, width: 500, height: 300 }, undefined, 1, 0.7, 0.15)).toEqual({ kind: 'none' });
    expect(keepInView(before, view, undefined, undefined, 1, 0.7, 0.15)).toEqual({ kind: 'none' });
  });

  it('fits a graph that went out of sight when it fits at or above the floor, never zooming in', () => {
    // 800x300 flow units, cut at the bottom: fits at 370 / (300 * 1.3) = 0.95.
    expect(keepInView(before, view, { x: 10, y: 200, width: 800, height: 300 }, undefined, 1, 0.7, 0.15)).toEqual({ kind: 'fit', minZoom: 0.7, maxZoom: 1 });
    // A user already zoomed out below the floor keeps that lower bound.
    const far = { x: 0, y: 0, width: 2000, height: 740 };
    expect(keepInView(far, far, { x: 0, y: 600, width: 1400, height: 500 }, undefined, 0.5, 0.7, 0.15)).toEqual({ kind: 'fit', minZoom: 0.5, maxZoom: 0.5 });
  });

  it('keeps the centre when the graph cannot fit legibly, unless that hides the selection', () => {
    // 3000x1200 flow units needs zoom 0.24: below the floor.
    const graph = { x: 0, y: 0, width: 3000, height: 1200 };
    // The centre (500, 300) stays in the middle: the view moves down (600 - 370) / 2.
    expect(keepInView(before, view, graph, undefined, 1, 0.7, 0.15)).toEqual({ kind: 'pan', dx: 0, dy: 115 });
    expect(keepInView(before, view, graph, { x: 100, y: 300, width: 120, height: 80 }, 1, 0.7, 0.15)).toEqual({ kind: 'pan', dx: 0, dy: 115 });
    // A selection the centred view would hide: pan the least that shows it instead (or stay).
    expect(keepInView(before, view, graph, { x: 100, y: 60, width: 120, height: 80 }, 1, 0.7, 0.15)).toEqual({ kind: 'none' });
    expect(keepInView(before, view, graph, { x: 100, y: 500, width: 120, height: 80 }, 1, 0.7, 0.15)).toEqual({ kind: 'pan', dx: 0, dy: 250 });
  });
});
