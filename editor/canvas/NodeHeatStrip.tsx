/**
 * The heat strip of a node after a profile (the run panel's Profile button): a thin bar along
 * the node's bottom edge, light to dark red by the node's share of a training step (relative to
 * the slowest node), whose tooltip gives the numbers: `fwd 1.2 ms · bwd 2.9 ms · 31 % of step`.
 * Subscribes to this node's row of the profile only; nothing is drawn without a profile.
 */
import { useNodeHeat } from '../run/index.ts';
import type { NodeOverlayProps } from './nodeOverlay.ts';

/** Light (no time) to dark red (the slowest node), as RGB. */
const COOL = [254, 202, 202] as const;
const HOT = [153, 27, 27] as const;

/** The strip's colour for a heat of 0..1. */
export function heatColor(heat: number): string {
  const t = Math.min(1, Math.max(0, heat));
  const [r, g, b] = COOL.map((c, i) => Math.round(c + (HOT[i]! - c) * t));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Props of {@link NodeHeatStrip}. */
export type NodeHeatStripProps = NodeOverlayProps;

/** The heat strip of one node, or nothing before a profile. */
export function NodeHeatStrip({ nodeId, compact = false }: NodeHeatStripProps) {
  const heat = useNodeHeat(nodeId);
  if (!heat) return null;
  return (
    <div
      className={`nw-node-heat${compact ? ' nw-node-heat-compact' : ''}`}
      style={{ background: heatColor(heat.heat) }}
      title={`${heat.text} (${heat.backend})`}
      data-testid={`node-heat-${nodeId}`}
      data-share={heat.row.share}
    />
  );
}
