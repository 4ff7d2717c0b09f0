/** Keeps the graph in sight when the canvas changes size (the run dock opens, the window shrinks). */
import { useReactFlow, useStore, type Node } from '@xyflow/react';
import { useEffect } from 'react';
import { FIT_PADDING, OPEN_MIN_ZOOM } from './compactNodes.ts';
import { keepInView } from './keepInView.ts';

/**
 * Watches React Flow's pane and, after each change of its size, fits or pans by
 * {@link keepInView}. Call inside the ReactFlowProvider that holds the canvas.
 */
export function useKeepGraphInView(): void {
  const flow = useReactFlow();
  const el = useStore((s) => s.domNode);
  useEffect(() => {
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    let frame = 0;
    const settle = (old: { width: number; height: number }) => {
      const { x, y, zoom } = flow.getViewport();
      const view = { x: -x / zoom, y: -y / zoom, width: el.clientWidth / zoom, height: el.clientHeight / zoom };
      const before = { ...view, width: old.width / zoom, height: old.height / zoom };
      const nodes = flow.getNodes();
      const selected = nodes.filter((n: Node) => n.selected === true);
      const graph = nodes.length > 0 ? flow.getNodesBounds(nodes) : undefined;
      const focus = selected.length > 0 ? flow.getNodesBounds(selected) : undefined;
      const move = keepInView(before, view, graph, focus, zoom, OPEN_MIN_ZOOM, FIT_PADDING);
      if (move.kind === 'fit') void flow.fitView({ padding: FIT_PADDING, minZoom: move.minZoom, maxZoom: move.maxZoom, duration: 150 });
      else if (move.kind === 'pan') void flow.setViewport({ x: x - move.dx * zoom, y: y - move.dy * zoom, zoom }, { duration: 150 });
    };
    // The size the view was last settled at: several resizes within a frame settle once.
    let settled = last;
    const observer = new ResizeObserver(() => {
      const size = { width: el.clientWidth, height: el.clientHeight };
      const changed = size.width !== last.width || size.height !== last.height;
      const shown = size.width > 0 && size.height > 0 && last.width > 0 && last.height > 0;
      last = size;
      if (!shown) settled = size;
      if (!changed || !shown) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const old = settled;
        settled = { width: el.clientWidth, height: el.clientHeight };
        settle(old);
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [el, flow]);
}

/** Renders nothing; runs {@link useKeepGraphInView} (for the app's ReactFlowProvider). */
export function KeepGraphInView(): null {
  useKeepGraphInView();
  return null;
}
