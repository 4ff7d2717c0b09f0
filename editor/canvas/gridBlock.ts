/**
 * The area the canvas's dot grid covers (see CanvasBackground.tsx): the view plus one block's
 * size around it, snapped to a power-of-two grid in flow units, so it only changes when the view
 * leaves it or the zoom changes — not on every pan step.
 */

/** The block the dots cover, in flow units, and the zoom it was computed for. */
export interface GridBlock {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly zoom: number;
}

/**
 * The grid block for a React Flow transform `[tx, ty, zoom]` and a pane of `width` x `height`
 * screen pixels. The view (`-tx / zoom`, `-ty / zoom`, `width / zoom`, `height / zoom`) always
 * lies inside it with at least one snapping step to spare on each side.
 */
export function gridBlock(transform: readonly [number, number, number], width: number, height: number): GridBlock {
  const [tx, ty, zoom] = transform;
  const w = width / zoom;
  const h = height / zoom;
  const step = 2 ** Math.ceil(Math.log2(Math.max(w, h, 1)));
  const left = -tx / zoom;
  const top = -ty / zoom;
  const x0 = Math.floor(left / step) * step - step;
  const y0 = Math.floor(top / step) * step - step;
  const x1 = (Math.ceil((left + w) / step) + 1) * step;
  const y1 = (Math.ceil((top + h) / step) + 1) * step;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, zoom };
}

/** Whether two blocks are the same (the grid is re-rendered only when they are not). */
export function sameGridBlock(a: GridBlock, b: GridBlock): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.zoom === b.zoom;
}
