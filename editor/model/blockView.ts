/**
 * The block definition open on the canvas (docs/blocks.md, "In the editor"): the document the
 * canvas draws while a definition is open (its inner nodes and edges), the report of those
 * nodes (taken from the first copy of the first instance in the flattened inference, so inner
 * nodes show the shapes they really carry), and the wrapper that routes every canvas edit into
 * the definition through the runtime's `editBlockCommand`, so every instance follows and undo
 * works as for any edit.
 */
import { blockEdit, editBlockCommand, setBlockInterface } from '../../runtime/blocks/commands.ts';
import { removeBlockParam, removeBlockPort, renameBlockParam, renameBlockPort } from '../../runtime/blocks/interfaceCommands.ts';
import { groupInBlock, ungroupInBlock } from '../../runtime/blocks/nestedCommands.ts';
import { BLOCK_TYPE, instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import type { GraphDoc, GraphNode } from '../../runtime/graph/types.ts';
import type { GraphInference } from '../../runtime/infer/inferGraph.ts';
import type { NodeInference } from '../../runtime/infer/inferNode.ts';
import type { ApplyCommand } from './edits.ts';
import { reportGraph, type GraphReport } from './graphReport.ts';

/** The definition `block` of `doc` drawn as a document, or `undefined` when it is gone. */
export function definitionDoc(doc: GraphDoc, block: string): GraphDoc | undefined {
  const def = doc.blocks && Object.hasOwn(doc.blocks, block) ? doc.blocks[block] : undefined;
  if (!def) return undefined;
  return { nodes: def.nodes, edges: def.edges, placeholders: def.placeholders, meta: doc.meta, blocks: doc.blocks };
}

/**
 * The flat-id prefix of the first copy of the first instance of `block` (`stack/0/`, nested
 * `outer/0/stack/0/`), searching the top level then inside definitions; `undefined` when no
 * instance uses it.
 */
export function instancePrefix(doc: GraphDoc, block: string): string | undefined {
  const search = (nodes: Readonly<Record<string, GraphNode>>, depth: number): string | undefined => {
    if (depth > 16) return undefined;
    for (const node of Object.values(nodes)) {
      if (node.type !== BLOCK_TYPE) continue;
      const id = instanceBlockId(node);
      if (id === block) return `${node.id}/0/`;
      const inner = id !== undefined && doc.blocks && Object.hasOwn(doc.blocks, id) ? doc.blocks[id] : undefined;
      const found = inner ? search(inner.nodes, depth + 1) : undefined;
      if (found !== undefined) return `${node.id}/0/${found}`;
    }
    return undefined;
  };
  return search(doc.nodes, 0);
}

/** The inference of a definition's inner nodes, read from the flattened inference of `doc`. */
function definitionInference(doc: GraphDoc, view: GraphDoc, block: string, inference: GraphInference): GraphInference {
  const prefix = instancePrefix(doc, block);
  const flat = inference.flat?.inference;
  if (prefix === undefined || !flat) return { nodes: {}, diagnostics: [], order: [] };
  const nodes: Record<string, NodeInference | undefined> = {};
  for (const id of Object.keys(view.nodes)) nodes[id] = flat.nodes[prefix + id];
  const diagnostics = flat.diagnostics
    .filter((d) => d.node !== undefined && d.node.startsWith(prefix) && Object.hasOwn(view.nodes, d.node.slice(prefix.length)))
    .map((d) => ({ ...d, node: d.node?.slice(prefix.length) }));
  return { nodes, diagnostics, order: [] };
}

/** What the canvas shows: the document, or the open definition and its report. */
export interface CanvasView {
  readonly view: GraphDoc;
  readonly viewReport: GraphReport;
}

/** The view of `openBlocks`' last definition (the document itself when none is open). */
export function canvasView(
  doc: GraphDoc,
  inference: GraphInference,
  report: GraphReport,
  openBlocks: readonly string[],
  previous?: CanvasView,
): CanvasView {
  const block = openBlocks.at(-1);
  const view = block === undefined ? undefined : definitionDoc(doc, block);
  if (block === undefined || !view) return { view: doc, viewReport: report };
  const prevReport = previous && previous.view !== doc ? previous.viewReport : undefined;
  return { view, viewReport: reportGraph(view, definitionInference(doc, view, block, inference), prevReport) };
}

/** The open definitions that still exist in `doc` (an undo may remove one), outermost first. */
export function liveOpenBlocks(doc: GraphDoc, openBlocks: readonly string[]): readonly string[] {
  const alive = openBlocks.filter((b) => doc.blocks !== undefined && Object.hasOwn(doc.blocks, b));
  return alive.length === openBlocks.length ? openBlocks : alive;
}

/**
 * Commands that name the definition they change themselves (they also add or change other
 * definitions, which a command run on one definition's body cannot): never routed.
 */
const DEFINITION_COMMANDS: ReadonlySet<unknown> = new Set<unknown>([
  groupInBlock,
  ungroupInBlock,
  setBlockInterface,
  renameBlockPort,
  removeBlockPort,
  renameBlockParam,
  removeBlockParam,
]);

/**
 * Wraps `apply` so each command runs inside definition `block` (when one is open), except the
 * commands that name their definition (group and ungroup inside a definition, its ports and
 * exposed params).
 */
export function routeToBlock(apply: ApplyCommand, block: string | undefined): ApplyCommand {
  if (block === undefined) return apply;
  return (command, args) => {
    if (DEFINITION_COMMANDS.has(command)) apply(command, args);
    else apply(editBlockCommand, blockEdit(block, command, args));
  };
}
