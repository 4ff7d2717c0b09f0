/**
 * Whether a link may go from an output port to an input port, and why not. Cheap checks
 * (ports exist, kinds, dtypes, ranks of the inferred value, cycles) run while a link is being
 * dragged; {@link checkConnectionDeep} also re-runs inference with the link in place and
 * rejects it when the target node then reports a problem on that very port.
 */
import { reaches } from '../../runtime/graph/topo.ts';
import type { PortRef } from '../../runtime/graph/types.ts';
import { checkPortValue, portsConnectable } from '../../runtime/sdk/index.ts';
import { connectCommand } from './edits.ts';
import { inferGraph } from '../../runtime/infer/inferGraph.ts';
import type { EditorStore } from './editorStore.ts';

/** Cheap check, fit for every pointer move of a link drag. Returns why not, or undefined. */
export function checkConnection(store: EditorStore, from: PortRef, to: PortRef): string | undefined {
  const { view: doc, viewReport: inference } = store.getState();
  const registry = store.registry;
  if (from.node === to.node) return 'a node cannot feed itself';
  const src = doc.nodes[from.node];
  const dst = doc.nodes[to.node];
  if (!src || !dst) return 'that node no longer exists';
  if (Object.hasOwn(doc.placeholders, to.node)) return `plugin "${dst.type}" is not installed, so node "${to.node}" cannot take new links`;
  if (Object.hasOwn(doc.placeholders, from.node)) return `plugin "${src.type}" is not installed, so node "${from.node}" cannot feed new links`;
  const outSpec = registry.get(src.type)?.outputs[from.port];
  const inSpec = registry.get(dst.type)?.inputs[to.port];
  if (!outSpec) return `node "${from.node}" has no output "${from.port}"`;
  if (!inSpec) return `node "${to.node}" has no input "${to.port}"`;
  const why = portsConnectable(outSpec, inSpec);
  if (why) return `${why} ("${from.node}.${from.port}" -> "${to.node}.${to.port}")`;
  const value = inference.nodes[from.node]?.outputs[from.port];
  if (value) {
    const bad = checkPortValue(inSpec, value);
    if (bad) return `input "${to.port}" of "${to.node}" ${bad}`;
  }
  if (reaches(doc, to.node, from.node)) return `linking "${from.node}" to "${to.node}" would make a cycle`;
  return undefined;
}

/** Full check for a drop: the cheap checks, then inference with the link in place. */
export function checkConnectionDeep(store: EditorStore, from: PortRef, to: PortRef): string | undefined {
  const cheap = checkConnection(store, from, to);
  if (cheap) return cheap;
  const trial = connectCommand(store.getState().view, { from, to });
  const problem = inferGraph(trial, store.registry).diagnostics.find(
    (d) => d.node === to.node && d.severity === 'error' && d.port === to.port && d.code !== 'INFER_UNCONNECTED',
  );
  return problem ? `${to.node}.${to.port}: ${problem.message}` : undefined;
}
