/**
 * Rename and Delete for one entry of the palette's block library. The library has no undo, so
 * Delete asks first and Rename asks for the new name (as the graph library does); both keep
 * the entry in IndexedDB, so they survive a reload.
 */
import type { LibraryBlock } from '../model/blockLibrary.ts';
import { deleteLibraryBlock, renameLibraryBlock } from '../model/blockLibrary.ts';
import type { EditorStore } from '../model/editorStore.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Props of {@link LibraryEntryActions}. */
export interface LibraryEntryActionsProps {
  readonly store: EditorStore;
  readonly block: LibraryBlock;
}

function report(store: EditorStore, done: Promise<void>, failure: string): void {
  done.catch((e: unknown) => {
    store.notify('error', `${failure}: ${errorMessage(e)}`);
  });
}

/** The two small buttons of a library entry. */
export function LibraryEntryActions({ store, block }: LibraryEntryActionsProps) {
  const rename = (): void => {
    const title = window.prompt(`New name for the library block “${block.title}”:`, block.title);
    if (title === null || title.trim() === block.title) return;
    report(store, renameLibraryBlock(block.id, title), `Cannot rename library block “${block.title}”`);
  };
  const remove = (): void => {
    if (!window.confirm(`Delete the block “${block.title}” from the block library? This cannot be undone.`)) return;
    report(store, deleteLibraryBlock(block.id), `Cannot delete library block “${block.title}”`);
  };
  return (
    // A double-click on a button must not also add the block (the entry's own double-click).
    <span className="nw-palette-entry-actions" onDoubleClick={(e) => { e.stopPropagation(); }}>
      <button type="button" data-testid={`library-rename-${block.id}`} title="Rename this library block" onClick={rename}>
        Rename
      </button>
      <button type="button" data-testid={`library-delete-${block.id}`} title="Delete this block from the library (asks first; no undo)" onClick={remove}>
        Delete
      </button>
    </span>
  );
}
