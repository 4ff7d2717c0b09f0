/**
 * The minimap: every node as a rectangle, the visible area unmasked; drag it to pan, scroll it
 * to zoom. It replaces React Flow's `<MiniMap>`, which gives each node its own component and
 * store subscription, measures all nodes' bounds on every pan step and redraws its SVG mask
 * each time (which makes the browser repaint the whole page every frame). Here all rectangles
 * are one SVG path, rebuilt only when the nodes change; the framing moves in steps, not with
 * every pixel of a pan; and the visible area is an HTML box moved by a transform, whose huge
 * shadow is the mask, so a pan step repaints nothing. It keeps React Flow's class names, so
 * the themes style it the same way. It is hidden while the canvas is small or a node lies
 * under its corner, so it never covers a node or takes its clicks.
 */
import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type { FlowNode } from './flowElements.ts';

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const WIDTH = 200;
const HEIGHT = 150;
/** Margin around the content, in minimap pixels. */
const OFFSET = 5;

/** Below this canvas size (px) the minimap would take too much of it: it is not shown. */
export const MINIMAP_MIN_CANVAS = { width: 640, height: 420 } as const;
/** Distance of the minimap panel from the canvas's bottom-right corner (React Flow's panel margin). */
const PANEL_MARGIN = 15;

/**
 * Whether the minimap may be drawn: the canvas is large enough, and no node's box reaches
 * under the minimap's corner (it would cover the node and take its clicks). `view` is the
 * visible area in flow units, `zoom` the canvas zoom.
 */
export function minimapFits(canvas: { width: number; height: number }, view: Rect, zoom: number, nodes: readonly FlowNode[]): boolean {
  if (canvas.width < MINIMAP_MIN_CANVAS.width || canvas.height < MINIMAP_MIN_CANVAS.height) return false;
  const w = (WIDTH + PANEL_MARGIN + 4) / zoom;
  const h = (HEIGHT + PANEL_MARGIN + 4) / zoom;
  const corner = { x: view.x + view.width - w, y: view.y + view.height - h, width: w, height: h };
  return !nodes.some((n) => {
    const nw = n.measured?.width ?? n.initialWidth ?? 0;
    const nh = n.measured?.height ?? n.initialHeight ?? 0;
    return n.position.x < corner.x + corner.width && corner.x < n.position.x + nw && n.position.y < corner.y + corner.height && corner.y < n.position.y + nh;
  });
}

const selectZoom = (s: ReactFlowState): number => s.transform[2];
const selectCanvasSize = (s: ReactFlowState): string => `${String(s.width)}x${String(s.height)}`;

const selectView = (s: ReactFlowState): Rect => ({
  x: -s.transform[0] / s.transform[2],
  y: -s.transform[1] / s.transform[2],
  width: s.width / s.transform[2],
  height: s.height / s.transform[2],
});
const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Path of all node rectangles and their bounds (undefined for an empty graph). */
function nodesOutline(nodes: readonly FlowNode[]): { path: string; selected: string; bounds: Rect | undefined } {
  const parts: string[] = [];
  const sel: string[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const w = n.measured?.width ?? n.initialWidth ?? 0;
    const h = n.measured?.height ?? n.initialHeight ?? 0;
    const { x, y } = n.position;
    (n.selected ? sel : parts).push(`M${String(x)} ${String(y)}h${String(w)}v${String(h)}h${String(-w)}z`);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return { path: parts.join(''), selected: sel.join(''), bounds: nodes.length > 0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined };
}

function union(a: Rect, b: Rect | undefined): Rect {
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Props of {@link CanvasMiniMap}. */
export interface CanvasMiniMapProps {
  /** The flow nodes the canvas renders (positions and sizes). */
  readonly nodes: readonly FlowNode[];
}

/** The canvas minimap. Must sit inside `<ReactFlow>`. */
export function CanvasMiniMap({ nodes }: CanvasMiniMapProps) {
  const flow = useReactFlow();
  const view = useStore(selectView, sameRect);
  const zoom = useStore(selectZoom);
  const canvasSize = useStore(selectCanvasSize);
  const outline = useMemo(() => nodesOutline(nodes), [nodes]);
  const [cw = 0, ch = 0] = canvasSize.split('x').map(Number);
  const shown = minimapFits({ width: cw, height: ch }, view, zoom, nodes);
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; scale: number } | undefined>(undefined);

  // Framing as in React Flow's minimap (the nodes and the visible area, centred, with a
  // margin), but in steps: the scale in quarter octaves and the centre on a grid of 1/16 of the
  // frame, with enough slack that the content always fits.
  const box = union(view, outline.bounds);
  const fit = Math.max(box.width / WIDTH, box.height / HEIGHT) * (1 + (2 * OFFSET) / HEIGHT) * (16 / 15);
  const scale = fit > 0 ? 2 ** (Math.ceil(4 * Math.log2(fit)) / 4) : 1;
  const step = (scale * WIDTH) / 16;
  const cx = Math.round((box.x + box.width / 2) / step) * step;
  const cy = Math.round((box.y + box.height / 2) / step) * step;
  const vx = cx - (scale * WIDTH) / 2;
  const vy = cy - (scale * HEIGHT) / 2;

  // Scrolling over the minimap zooms the canvas about its centre. A native listener, because
  // React's wheel listener is passive and could not keep the page from scrolling.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const step = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002);
      void flow.zoomTo(flow.getZoom() * 2 ** step);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
    };
  }, [flow]);

  // Dragging moves the visible area with the pointer.
  const onPointerDown = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, scale };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    const d = drag.current;
    if (!d) return;
    const { x, y, zoom } = flow.getViewport();
    void flow.setViewport({ x: x - (e.clientX - d.x) * d.scale * zoom, y: y - (e.clientY - d.y) * d.scale * zoom, zoom });
    drag.current = { ...d, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = (): void => {
    drag.current = undefined;
  };

  // Hidden, not unmounted: the wheel listener above stays attached to the same element.
  return (
    <Panel position="bottom-right" className="react-flow__minimap nw-minimap-panel" data-testid="minimap" hidden={!shown} data-shown={shown}>
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${String(vx)} ${String(vy)} ${String(scale * WIDTH)} ${String(scale * HEIGHT)}`}
        className="react-flow__minimap-svg nw-minimap"
        role="img"
        aria-label="Mini map"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <path className="react-flow__minimap-node" d={outline.path} shapeRendering="crispEdges" />
        <path className="react-flow__minimap-node selected" d={outline.selected} shapeRendering="crispEdges" />
      </svg>
      <div
        className="nw-minimap-view"
        style={{
          width: view.width / scale,
          height: view.height / scale,
          transform: `translate(${String((view.x - vx) / scale)}px, ${String((view.y - vy) / scale)}px)`,
        }}
      />
    </Panel>
  );
}
