/**
 * The inspector while a block definition is open and nothing is selected: the block's title,
 * how many instances an edit reaches, and its ports and exposed params, editable
 * (`BlockPortsEditor.tsx`, `BlockParamsEditor.tsx`).
 */
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { BlockParamsEditor } from './BlockParamsEditor.tsx';
import { BlockPortsEditor } from './BlockPortsEditor.tsx';

/** Props of {@link BlockInterfacePanel}. */
export interface BlockInterfacePanelProps {
  readonly blockId: string;
}

/** The open definition's interface. */
export function BlockInterfacePanel({ blockId }: BlockInterfacePanelProps) {
  const blocks = useEditorState((s) => s.doc.blocks);
  const def = blocks && Object.hasOwn(blocks, blockId) ? blocks[blockId] : undefined;
  if (!blocks || !def) return null;
  return (
    <div className="nw-inspector-body" data-testid="block-interface">
      <h2>{def.title ?? blockId}</h2>
      <p className="nw-muted nw-mono">block “{blockId}” · its ports and exposed params; every instance follows</p>
      {def.doc ? <p>{def.doc}</p> : null}
      <BlockPortsEditor blockId={blockId} def={def} blocks={blocks} />
      <BlockParamsEditor blockId={blockId} def={def} blocks={blocks} />
    </div>
  );
}
