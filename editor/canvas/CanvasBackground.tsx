/**
 * The dot grid behind the canvas. React Flow's `<Background>` redraws an SVG pattern at a new
 * offset on every pan step, which makes the browser repaint the whole page and re-rasterise the
 * whole canvas each frame. Here the dots are a CSS pattern on a layer of their own, one grid
 * cell larger than the canvas on each side; a pan step only moves that layer (modulo one cell),
 * which the compositor does without painting anything. Zooming changes the cell size (a repaint
 * of this layer only).
 */
import { useStore, type ReactFlowState } from '@xyflow/react';

/** Props of {@link CanvasBackground}. */
export interface CanvasBackgroundProps {
  /** Grid spacing in flow units. */
  readonly gap: number;
}

const selectTransform = (s: ReactFlowState) => s.transform;

/** Non-negative remainder. */
function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** The dot grid. Must sit inside `<ReactFlow>`. */
export function CanvasBackground({ gap }: CanvasBackgroundProps) {
  const [x, y, zoom] = useStore(selectTransform);
  const cell = gap * zoom;
  // React Flow draws 1-flow-unit dots; keep them visible when zoomed out.
  const radius = Math.max(0.5, zoom / 2);
  return (
    <div
      className="react-flow__background nw-grid"
      data-testid="canvas-grid"
      style={{
        width: `calc(100% + ${String(2 * cell)}px)`,
        height: `calc(100% + ${String(2 * cell)}px)`,
        backgroundImage: `radial-gradient(circle at ${String(cell / 2)}px ${String(cell / 2)}px, var(--xy-background-pattern-color, var(--xy-background-pattern-dots-color-default)) ${String(radius)}px, transparent ${String(radius + 0.5)}px)`,
        backgroundSize: `${String(cell)}px ${String(cell)}px`,
        transform: `translate(${String(mod(x + cell / 2, cell) - cell)}px, ${String(mod(y + cell / 2, cell) - cell)}px)`,
      }}
    />
  );
}
