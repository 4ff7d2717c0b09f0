/** Props of what a canvas node draws over itself from a run (the run badge, the profile's heat strip). */
export interface NodeOverlayProps {
  readonly nodeId: string;
  /**
   * Zoomed out: the node is drawn compact, so the overlay takes its compact form (the fault
   * badge alone in the header; the heat strip over the bottom edge).
   */
  readonly compact?: boolean;
}
