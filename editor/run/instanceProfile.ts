/**
 * Profile rows for block instances (docs/blocks.md): the profile of a graph with instances is
 * per flat node (`stack/1/gla`), and the canvas draws an instance collapsed, so each top-level
 * instance gets one row that sums its flat nodes' times and shares (every copy, nested blocks
 * included). The profile store adds these rows beside the flat ones, so the instance's canvas
 * node draws its heat strip like any node.
 */
import { displayPath, topLevelId } from '../../runtime/blocks/flatten.ts';
import type { NodeProfile } from '../../workers/engineApi.ts';

/** One summed row per top-level instance of the flat rows `rows` (none when the graph has none). */
export function instanceProfileRows(rows: readonly NodeProfile[]): NodeProfile[] {
  const sums = new Map<string, { forwardMs: number; backwardMs: number; updateMs: number; totalMs: number; share: number }>();
  for (const row of rows) {
    if (!row.node.includes('/')) continue;
    const id = topLevelId(row.node);
    const sum = sums.get(id) ?? { forwardMs: 0, backwardMs: 0, updateMs: 0, totalMs: 0, share: 0 };
    sum.forwardMs += row.forwardMs;
    sum.backwardMs += row.backwardMs;
    sum.updateMs += row.updateMs;
    sum.totalMs += row.totalMs;
    sum.share += row.share;
    sums.set(id, sum);
  }
  return [...sums].map(([node, sum]) => ({ node, type: 'block', role: 'block', ...sum }));
}

/**
 * Where a flat node's run value shows on the canvas when it sits in a block instance: the
 * top-level instance, under the name prefixed by the node's path inside it
 * (`stack/1/gla`, `deadRate` -> `stack`, `[1] › gla deadRate`); undefined for a top-level node.
 */
export function instanceRunKey(flatId: string, name: string): { readonly instance: string; readonly key: string } | undefined {
  if (!flatId.includes('/')) return undefined;
  const instance = topLevelId(flatId);
  return { instance, key: `${displayPath(flatId).slice(instance.length)} ${name}` };
}
