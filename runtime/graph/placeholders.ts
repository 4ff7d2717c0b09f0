/**
 * Ports of placeholder nodes. A placeholder's plugin is missing, so its ports are known only
 * from the edges that name them; the editor draws exactly those.
 */
import type { GraphDoc } from './types.ts';

/** Port names of a node as its edges name them, in edge order, without repeats. */
export function portsFromEdges(doc: GraphDoc, node: string): { inputs: string[]; outputs: string[] } {
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const e of Object.values(doc.edges)) {
    if (e.to.node === node && !inputs.includes(e.to.port)) inputs.push(e.to.port);
    if (e.from.node === node && !outputs.includes(e.from.port)) outputs.push(e.from.port);
  }
  return { inputs, outputs };
}
