/**
 * The block inspector's row of actions on one instance: Ungroup, Make unique, Export .block.json
 * and Save to library (docs/blocks.md, "In the editor").
 */
import { makeUnique } from '../../runtime/blocks/commands.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { EditorStore } from '../model/editorStore.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { downloadText } from '../io/saveFiles.ts';
import { ungroupSelection } from '../model/blockActions.ts';
import { blockFileText } from '../model/blockFiles.ts';
import { saveLibraryBlock } from '../model/blockLibrary.ts';

/** Props of {@link BlockActions}. */
export interface BlockActionsProps {
  readonly nodeId: string;
  readonly blockId: string;
  /** The definition's title, else the block id: what the library and notices call it. */
  readonly title: string;
}

interface Action {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly run: (store: EditorStore, props: BlockActionsProps) => void;
}

function saveToLibrary(store: EditorStore, { nodeId, blockId, title }: BlockActionsProps): void {
  saveLibraryBlock({ id: blockId, title, text: blockFileText(store, nodeId) }).then(
    () => { store.notify('info', `Saved block “${title}” to the block library`); },
    (e: unknown) => { store.notify('error', `Cannot save block “${title}” to the library: ${errorMessage(e)}`); },
  );
}

const ACTIONS: readonly Action[] = [
  { id: 'block-ungroup', label: 'Ungroup', run: (store) => { ungroupSelection(store); } },
  {
    id: 'block-make-unique', label: 'Make unique',
    hint: 'Give this instance its own copy of the block, so editing it leaves the other instances alone',
    run: (store, { nodeId }) => { store.edit((apply) => { apply(makeUnique, { node: nodeId }); }); },
  },
  {
    id: 'block-export', label: 'Export .block.json',
    hint: 'Download this block (with the blocks it uses) as a .block.json file, to import into another graph',
    run: (store, { nodeId, blockId }) => { downloadText(`${blockId}.block.json`, blockFileText(store, nodeId)); },
  },
  {
    id: 'block-save-library', label: 'Save to library',
    hint: "Keep this block in this browser's block library, to add it to any graph from the palette",
    run: saveToLibrary,
  },
];

/** The action buttons of the block inspector. */
export function BlockActions(props: BlockActionsProps) {
  const { store } = useServices();
  return (
    <div className="nw-field-row">
      {ACTIONS.map((a) => (
        <button key={a.id} type="button" data-testid={a.id} title={a.hint} onClick={() => { a.run(store, props); }}>
          {a.label}
        </button>
      ))}
    </div>
  );
}
