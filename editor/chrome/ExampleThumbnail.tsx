/** A small drawing of an example graph: its top-level nodes as boxes, its links as lines. */
import type { ExampleSummary } from './exampleSummary.ts';

/** Node box size in the file's flow units (about a drawn node). */
const NODE = { width: 200, height: 90 } as const;
const WIDTH = 160;
const HEIGHT = 72;

/** Props of {@link ExampleThumbnail}. */
export interface ExampleThumbnailProps {
  readonly summary: ExampleSummary;
}

/** The thumbnail; an empty frame for an example without positioned nodes. */
export function ExampleThumbnail({ summary }: ExampleThumbnailProps) {
  const { boxes, links } = summary;
  const x0 = Math.min(...boxes.map((b) => b.x), 0);
  const y0 = Math.min(...boxes.map((b) => b.y), 0);
  const x1 = Math.max(...boxes.map((b) => b.x + NODE.width), NODE.width);
  const y1 = Math.max(...boxes.map((b) => b.y + NODE.height), NODE.height);
  const pad = 40;
  const viewBox = `${String(x0 - pad)} ${String(y0 - pad)} ${String(x1 - x0 + 2 * pad)} ${String(y1 - y0 + 2 * pad)}`;
  const centre = (i: number): { x: number; y: number } => ({ x: (boxes[i]?.x ?? 0) + NODE.width / 2, y: (boxes[i]?.y ?? 0) + NODE.height / 2 });
  return (
    <svg className="nw-example-thumb" width={WIDTH} height={HEIGHT} viewBox={viewBox} preserveAspectRatio="xMidYMid meet" role="img" aria-label={`${String(boxes.length)} nodes`} data-testid="example-thumbnail">
      {links.map(([a, b], i) => {
        const p = centre(a);
        const q = centre(b);
        return <line key={i} x1={p.x} y1={p.y} x2={q.x} y2={q.y} className="nw-example-thumb-link" />;
      })}
      {boxes.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={NODE.width} height={NODE.height} rx={12} className="nw-example-thumb-node" />
      ))}
    </svg>
  );
}
