/**
 * Global keyboard handling. Copy, cut and paste use the browser's clipboard events (no
 * permission prompt, and the text travels between tabs); everything else is matched against
 * {@link SHORTCUTS} on keydown.
 */
import { useEffect } from 'react';
import type { EditorServices } from '../hooks/EditorContext.ts';
import { closeBlock, groupSelection, openSelectedBlock, ungroupSelection } from '../model/blockActions.ts';
import { deleteSelection, duplicateSelection } from '../model/graphActions.ts';
import { saveToFile } from '../io/saveFiles.ts';
import { autoLayout, cutSelection, pasteAtCursor, selectAll, selectionText } from './editorCommands.ts';
import { actionFor } from './shortcuts.ts';

function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the shortcuts while the editor is mounted. */
export function useShortcuts(services: EditorServices): void {
  useEffect(() => {
    const { store, ui, bridge } = services;
    const onKey = (e: KeyboardEvent): void => {
      // Enter on a focused button presses the button; it opens a block only from the canvas.
      const onButton = e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a, [role="button"]') !== null;
      const action = onButton ? undefined : actionFor(e, isField(e.target));
      if (!action || action === 'copy' || action === 'paste' || action === 'cut') return;
      // Enter keeps its default (a <summary>, a link) unless it opened a selected block instance.
      if (action === 'openBlock') {
        if (openSelectedBlock(store)) e.preventDefault();
        return;
      }
      e.preventDefault();
      switch (action) {
        case 'undo':
          store.undo();
          break;
        case 'redo':
          store.redo();
          break;
        case 'duplicate':
          duplicateSelection(store);
          break;
        case 'delete':
          deleteSelection(store);
          break;
        case 'save':
          void saveToFile(services);
          break;
        case 'search':
          ui.update({ focusSearch: ui.getState().focusSearch + 1 });
          break;
        case 'run':
          ui.update({ runOpen: true, runRequest: ui.getState().runRequest + 1 });
          break;
        case 'fit':
          bridge.api?.fitView();
          break;
        case 'layout':
          void autoLayout(services);
          break;
        case 'help':
          ui.update({ helpOpen: !ui.getState().helpOpen });
          break;
        case 'selectAll':
          selectAll(services);
          break;
        case 'group':
          groupSelection(store);
          break;
        case 'ungroup':
          ungroupSelection(store);
          break;
        case 'escape':
          if (ui.getState().helpOpen || ui.getState().libraryOpen || ui.getState().quickAdd) ui.update({ helpOpen: false, libraryOpen: false, quickAdd: undefined });
          else if (store.getState().selection.nodes.length + store.getState().selection.edges.length > 0) store.select({ nodes: [], edges: [] });
          else closeBlock(store);
          break;
      }
    };
    const onCopy = (e: ClipboardEvent): void => {
      if (isField(e.target) || (window.getSelection()?.toString() ?? '') !== '') return;
      const text = selectionText(services);
      if (text === undefined || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onCut = (e: ClipboardEvent): void => {
      if (isField(e.target) || !e.clipboardData) return;
      const text = cutSelection(services);
      if (text === undefined) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent): void => {
      if (isField(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      e.preventDefault();
      pasteAtCursor(services, text);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [services]);
}
