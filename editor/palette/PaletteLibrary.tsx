/**
 * The palette's "Block library" section: blocks saved from any graph (model/blockLibrary.ts).
 * Double-click or Enter adds the block to the open graph (its definitions and one instance),
 * through the same checks as importing a `.block.json`. Each entry can be renamed or deleted
 * (`LibraryEntryActions.tsx`).
 */
import { useEffect, useState } from 'react';
import { useServices } from '../hooks/EditorContext.ts';
import { importBlockFile } from '../model/blockFiles.ts';
import { listLibraryBlocks, onLibraryChange, type LibraryBlock } from '../model/blockLibrary.ts';
import { LibraryEntryActions } from './LibraryEntryActions.tsx';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Props of {@link PaletteLibrary}. */
export interface PaletteLibraryProps {
  /** The palette's search text: only blocks whose id or title contain it are listed. */
  readonly query: string;
}

/** The block library section (nothing while it is empty). */
export function PaletteLibrary({ query }: PaletteLibraryProps) {
  const { store } = useServices();
  const [blocks, setBlocks] = useState<readonly LibraryBlock[]>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      listLibraryBlocks().then(
        (list) => { if (live) setBlocks(list); },
        (e: unknown) => { store.notify('error', `Cannot read the block library: ${errorMessage(e)}`); },
      );
    };
    load();
    const off = onLibraryChange(load);
    return () => {
      live = false;
      off();
    };
  }, [store]);
  const q = query.trim().toLowerCase();
  const listed = blocks.filter((b) => q === '' || b.id.toLowerCase().includes(q) || b.title.toLowerCase().includes(q));
  if (listed.length === 0) return null;
  const add = (b: LibraryBlock): void => {
    importBlockFile(store, `library block "${b.title}"`, b.text);
  };
  return (
    <section data-testid="palette-library">
      <h3>Block library</h3>
      <ul>
        {listed.map((b) => (
          <li
            key={b.id}
            className="nw-palette-item nw-palette-block"
            tabIndex={0}
            data-testid={`palette-library-${b.id}`}
            title={`Saved ${new Date(b.savedAt).toLocaleString()}; double-click or Enter adds it to this graph`}
            onDoubleClick={() => { add(b); }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.target !== e.currentTarget) return;
              e.preventDefault();
              e.stopPropagation();
              add(b);
            }}
            role="option"
            aria-selected={false}
          >
            <span className="nw-palette-title">{b.title}</span>
            <span className="nw-palette-id">library block · {b.id}</span>
            <LibraryEntryActions store={store} block={b} />
          </li>
        ))}
      </ul>
    </section>
  );
}
