/**
 * Where a new node goes: near the point the user is looking at (or right of the selected node),
 * never on top of another node. Framework-free and pure, so the rule is tested headlessly.
 */
import type { Position } from '../../runtime/graph/types.ts';

/** A node's box in flow coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept free around every node, in flow units. */
export const PLACEMENT_GAP = 24;
/** Horizontal distance from a selected node to the node added after it. */
export const FOLLOW_GAP = 60;
/** Candidate spots are tried on a grid of this pitch, nearest first. */
const PITCH = 20;
/** How far (in grid steps) the search looks before giving up and using the preferred spot. */
const REACH = 150;

/** Whether two boxes overlap once each is grown by `gap` / 2 on every side. */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** The first pair of ids whose boxes overlap, or undefined (for tests and checks). */
export function firstOverlap(boxes: Readonly<Record<string, Box>>): [string, string] | undefined {
  const entries = Object.entries(boxes);
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (boxesOverlap(entries[i]![1], entries[j]![1])) return [entries[i]![0], entries[j]![0]];
    }
  }
  return undefined;
}

/** Where a node that follows `anchor` prefers to go: to its right, tops aligned. */
export function followingSpot(anchor: Box): Position {
  return { x: anchor.x + anchor.width + FOLLOW_GAP, y: anchor.y };
}

/**
 * The free top-left corner nearest `preferred` for a box of `size`: it keeps
 * {@link PLACEMENT_GAP} from every box in `taken`. Spots to the right and below are preferred
 * over spots to the left and above at the same distance (graphs read left to right).
 */
export function freeSpot(size: { width: number; height: number }, preferred: Position, taken: readonly Box[]): Position {
  const fits = (p: Position): boolean => !taken.some((b) => boxesOverlap({ ...p, ...size }, b, PLACEMENT_GAP));
  const start = { x: Math.round(preferred.x), y: Math.round(preferred.y) };
  if (fits(start)) return start;
  // Rings of growing radius on the grid; within a ring, the cheapest first.
  for (let r = 1; r <= REACH; r++) {
    let best: { p: Position; cost: number } | undefined;
    for (let i = -r; i <= r; i++) {
      for (const [dx, dy] of [[i, -r], [i, r], [-r, i], [r, i]] as const) {
        const p = { x: start.x + dx * PITCH, y: start.y + dy * PITCH };
        // Below beats right beats left beats above: a column grows downwards.
        const cost = Math.hypot(dx, dy) + (dy < 0 ? 0.6 : 0) + (dx < 0 ? 0.4 : 0);
        if ((!best || cost < best.cost) && fits(p)) best = { p, cost };
      }
    }
    if (best) return best.p;
  }
  return start;
}

/**
 * How far to pan (in flow units) so that `box` lies inside `view` with `margin` to spare; zero
 * when it already does. Panning the least keeps what the user was looking at in view.
 */
export function panToShow(view: Box, box: Box, margin = 40): { dx: number; dy: number } {
  const axis = (v0: number, vSize: number, b0: number, bSize: number): number => {
    if (bSize + 2 * margin > vSize) return b0 + bSize / 2 - (v0 + vSize / 2);
    if (b0 - margin < v0) return b0 - margin - v0;
    if (b0 + bSize + margin > v0 + vSize) return b0 + bSize + margin - (v0 + vSize);
    return 0;
  };
  return { dx: axis(view.x, view.width, box.x, box.width), dy: axis(view.y, view.height, box.y, box.height) };
}
