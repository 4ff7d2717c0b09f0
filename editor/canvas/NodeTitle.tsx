/**
 * Node titles, cut to fit with an ellipsis in script rather than by CSS: `text-overflow` needs
 * an overflow clip, which is a paint chunk of its own for every node on the canvas.
 */

/** The title cut to about `room` px of semibold text whose characters average `charWidth` px. */
export function fitTitle(title: string, room: number, charWidth = 7.4): string {
  const max = Math.max(4, Math.floor(room / charWidth));
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}

/** Props of {@link NodeTitle}. */
export interface NodeTitleProps {
  readonly title: string;
  /** Width available, px. */
  readonly room: number;
}

/** A node title, cut to fit; hovering a cut title shows all of it. */
export function NodeTitle({ title, room }: NodeTitleProps) {
  const shown = fitTitle(title, room);
  return (
    <span className="nw-node-title" title={shown === title ? undefined : title}>
      {shown}
    </span>
  );
}
