/**
 * The dot grid behind the nodes. React Flow's `<Background>` redraws an SVG pattern at a new
 * offset on every pan step, which makes the browser repaint the whole page each frame. Here
 * the dots are a CSS pattern on a block inside the flow's viewport, under the edges and
 * nodes: panning moves it with everything else, so a pan step changes nothing in it. The block
 * it covers ({@link gridBlock}) is only re-rendered when the view leaves it or the zoom changes.
 */
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { gridBlock, sameGridBlock, type GridBlock } from './gridBlock.ts';

/** Props of {@link CanvasBackground}. */
export interface CanvasBackgroundProps {
  /** Grid spacing in flow units. */
  readonly gap: number;
}

const selectBlock = (s: ReactFlowState): GridBlock => gridBlock(s.transform, s.width, s.height);

/** Non-negative remainder. */
function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** The dot grid. Must sit inside `<ReactFlow>`. */
export function CanvasBackground({ gap }: CanvasBackgroundProps) {
  const block = useStore(selectBlock, sameGridBlock);
  // Dots of about one screen pixel at any zoom, as React Flow draws them.
  const radius = Math.max(0.5, block.zoom / 2) / block.zoom;
  const feather = 0.5 / block.zoom;
  return (
    <ViewportPortal>
      <div
        className="nw-grid"
        data-testid="canvas-grid"
        style={{
          left: block.x,
          top: block.y,
          width: block.width,
          height: block.height,
          backgroundImage: `radial-gradient(circle at ${String(gap / 2)}px ${String(gap / 2)}px, var(--xy-background-pattern-color, var(--xy-background-pattern-dots-color-default)) ${String(radius)}px, transparent ${String(radius + feather)}px)`,
          backgroundSize: `${String(gap)}px ${String(gap)}px`,
          // Dots on multiples of the gap in flow coordinates.
          backgroundPosition: `${String(-mod(block.x, gap) - gap / 2)}px ${String(-mod(block.y, gap) - gap / 2)}px`,
        }}
      />
    </ViewportPortal>
  );
}
