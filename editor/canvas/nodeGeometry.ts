/**
 * The fixed geometry of a plugin node (mirrored by the `.nw-node` rules in styles/app.css: the
 * compact node drawn when zoomed out has the same header and port-row heights, so its handles
 * sit where the detailed node has them), and a size estimate, so a node that was never drawn
 * still gets a close size for fit-view, culling, the minimap and auto-layout.
 */
import type { GraphNode } from '../../runtime/graph/types.ts';
import type { AnyPluginSpec } from '../../runtime/sdk/index.ts';
import { formatParamValue } from '../model/format.ts';
import type { NodeReport } from '../model/graphReport.ts';

/**
 * Below this zoom nodes are drawn compact (frame, category colour, a larger title, handles,
 * problem badges): their 11-12 px details would draw under 5 px and could not be read anyway,
 * and drawing them for every node of a big graph is what makes it slow.
 */
export const COMPACT_ZOOM = 0.4;

/** Top border (the category colour), px. */
export const NODE_TOP_BORDER = 3;
/** Header height including its bottom border, px. */
export const NODE_HEAD_HEIGHT = 28;
/** Padding above and below the port rows, px. */
export const NODE_PORTS_PADDING = 3;
/** Height of one port row, px. */
export const NODE_ROW_HEIGHT = 20;
/** Width limits of a node, px. */
export const NODE_MIN_WIDTH = 180;
export const NODE_MAX_WIDTH = 280;

// Average advance of the node fonts, px per character (12 px UI text, 10-11 px monospace),
// calibrated against the built-in plugins drawn in Chromium.
const TEXT_CHAR = 6.8;
const PARAM_CHAR = 6.2;
const MONO_CHAR = 6.4;
const SIDE_PADDING = 16;
const PARAMS_LINE = 16.8;
const PARAMS_PADDING = 6;
const FOOT_HEIGHT = 21.4;

/** An estimate of the size a node is drawn at, from its spec, params and inference. */
export function estimateNodeSize(node: GraphNode, spec: AnyPluginSpec | undefined, inf: NodeReport | undefined): { width: number; height: number } {
  if (!spec) return { width: 220, height: 110 };
  const title = node.label ?? spec.title;
  const head = SIDE_PADDING + 2 + title.length * (TEXT_CHAR + 0.6) + 6 + node.id.length * MONO_CHAR * 0.9;
  const inputs = Object.keys(spec.inputs);
  const outputs = Object.keys(spec.outputs);
  const rows = Math.max(inputs.length, outputs.length);
  let portsWidth = 0;
  for (let i = 0; i < rows; i++) {
    // name + handle gap on each side, and the output's shape text (about `[?, 64]`).
    const out = outputs[i];
    portsWidth = Math.max(portsWidth, 40 + (inputs[i]?.length ?? 0) * TEXT_CHAR + (out === undefined ? 0 : 7 * MONO_CHAR + out.length * TEXT_CHAR) + 12);
  }
  const params = (spec.keyParams ?? []).map((p) => (p.length + 1 + formatParamValue(node.params[p] ?? spec.params[p]?.default).length) * PARAM_CHAR);
  const paramsWidth = params.reduce((a, b) => a + b, 0) + Math.max(0, params.length - 1) * 10 + SIDE_PADDING;
  const width = Math.round(Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, head, portsWidth, Math.min(paramsWidth, NODE_MAX_WIDTH))));
  // Key params wrap onto as many lines as they need.
  let lines = params.length > 0 ? 1 : 0;
  let used = SIDE_PADDING;
  for (const w of params) {
    if (used > SIDE_PADDING && used + 10 + w > width) {
      lines++;
      used = SIDE_PADDING + w;
    } else used += (used > SIDE_PADDING ? 10 : 0) + w;
  }
  const height =
    NODE_TOP_BORDER + NODE_HEAD_HEIGHT + 2 * NODE_PORTS_PADDING + rows * NODE_ROW_HEIGHT +
    (lines > 0 ? 1 + PARAMS_PADDING + lines * PARAMS_LINE : 0) +
    (inf && inf.paramCount > 0 ? FOOT_HEIGHT : 0) +
    1;
  return { width, height: Math.round(height) };
}
