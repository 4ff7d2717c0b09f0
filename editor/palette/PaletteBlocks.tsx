/**
 * The palette's "Blocks" section: the block definitions of the open file, filtered by the search
 * text, and "Import…" (a `.block.json`, or the blocks of another graph file: model/blockFiles.ts). Double-click or Enter on an item adds an instance where the user is looking; an item can
 * be dragged onto the canvas.
 */
import { memo } from 'react';
import { FileChooserButton } from '../chrome/FileChooserButton.tsx';
import { importBlockFile } from '../model/blockFiles.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import type { EditorState } from '../model/editorStore.ts';
import { addBlockInstance } from './addBlockInstance.ts';
import { BLOCK_DRAG_TYPE } from './dragTypes.ts';

const selectBlocks = (s: EditorState) => s.doc.blocks;

/** Props of {@link PaletteBlocks}. */
export interface PaletteBlocksProps {
  /** The palette's search text: only blocks whose id, title or doc contain it are listed. */
  readonly query: string;
}

function PaletteBlocksView({ query }: PaletteBlocksProps) {
  const { store, bridge } = useServices();
  const blocks = useEditorState(selectBlocks);
  const q = query.trim().toLowerCase();
  const listed = Object.entries(blocks ?? {}).filter(([id, def]) =>
    q === '' || [id, def.title ?? '', def.doc ?? ''].some((t) => t.toLowerCase().includes(q)),
  );
  if (listed.length === 0 && q !== '') return null;
  return (
    <section data-testid="palette-blocks">
      <h3 className="nw-palette-blocks-head">
        Blocks
        <FileChooserButton
          label="Import…"
          title="Blocks of this file. Import… adds the block of a .block.json file, or the blocks of another graph file"
          accept=".json,application/json"
          testId="palette-import-block"
          inputTestId="palette-import-block-file"
          onFile={(file) => void file.text().then((text) => importBlockFile(store, file.name, text))}
        />
      </h3>
      <ul>
        {listed.map(([id, def]) => (
          <li
            key={id}
            className="nw-palette-item nw-palette-block"
            draggable
            tabIndex={0}
            data-testid={`palette-block-${id}`}
            title={def.doc ?? `Block "${id}": ${String(Object.keys(def.nodes).length)} nodes`}
            onDragStart={(e) => {
              e.dataTransfer.setData(BLOCK_DRAG_TYPE, id);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onDoubleClick={() => { addBlockInstance(store, bridge, id); }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
              e.preventDefault();
              e.stopPropagation();
              addBlockInstance(store, bridge, id);
            }}
            role="option"
            aria-selected={false}
          >
            <span className="nw-palette-title">{def.title ?? id}</span>
            <span className="nw-palette-id">
              block · {String(Object.keys(def.nodes).length)} nodes · {Object.keys(def.inputs).join(', ')} → {Object.keys(def.outputs).join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The palette's list of the open file's blocks, with the import button. */
export const PaletteBlocks = memo(PaletteBlocksView);
