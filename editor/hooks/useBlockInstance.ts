/**
 * What the canvas node and the inspector of a block instance both read: the instance, the
 * definition it names (undefined when the file has none by that id) and its inference report.
 */
import type { BlockDef } from '../../runtime/graph/blockTypes.ts';
import { instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import type { GraphNode } from '../../runtime/graph/types.ts';
import type { NodeReport } from '../model/graphReport.ts';
import { useEditorState } from './useStoreSelector.ts';

/** A block instance with its definition and report, from {@link useBlockInstance}. */
export interface BlockInstanceView {
  readonly node: GraphNode;
  /** The id of the definition the instance names (`''` when it names none). */
  readonly blockId: string;
  readonly def: BlockDef | undefined;
  readonly report: NodeReport | undefined;
}

/** The instance `nodeId` of the shown document, or undefined once it is gone. */
export function useBlockInstance(nodeId: string): BlockInstanceView | undefined {
  const node = useEditorState((s) => s.view.nodes[nodeId]);
  const blocks = useEditorState((s) => s.view.blocks);
  const report = useEditorState((s) => s.viewReport.nodes[nodeId]);
  if (!node) return undefined;
  const blockId = instanceBlockId(node) ?? '';
  const def = blocks && Object.hasOwn(blocks, blockId) ? blocks[blockId] : undefined;
  return { node, blockId, def, report };
}
