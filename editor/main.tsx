/**
 * Entry point: builds the registry and stores, restores the last session (or a share link, or
 * the example), starts autosave and mounts the editor.
 */
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { createRoot } from 'react-dom/client';
import { builtinRegistry } from '../plugins/index.ts';
import { App } from './App.tsx';
import { createCanvasBridge } from './canvas/canvasBridge.ts';
import { initialTheme } from './chrome/theme.ts';
import { loadExample } from './examples.ts';
import type { EditorServices } from './hooks/EditorContext.ts';
import { startAutosave, type Autosave } from './model/autosave.ts';
import { createEditorStore } from './model/editorStore.ts';
import { newGraphId, openEditorDb, type EditorDb } from './model/graphDatabase.ts';
import { restoreSession } from './model/restoreSession.ts';
import { createUiStore } from './model/uiStore.ts';
import { openGraphText, openSharePayload } from './model/openGraph.ts';
import { sharePayloadFromHash } from './model/shareLink.ts';

async function boot(): Promise<void> {
  const store = createEditorStore(builtinRegistry());
  const ui = createUiStore({ theme: initialTheme() });
  let db: EditorDb | undefined;
  try {
    db = await openEditorDb();
  } catch (e) {
    store.notify('error', `Local storage is unavailable, so work is not kept between visits: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (db) await restoreSession(store, db, { hash: location.hash, example: () => loadExample() });
  else {
    const text = await loadExample();
    if (text !== undefined) openGraphText(store, text, 'the example graph', newGraphId());
  }
  // The link has been imported into the library: drop it so a reload restores the (edited)
  // copy instead of importing the link again.
  if (sharePayloadFromHash(location.hash) !== undefined) history.replaceState(null, '', location.pathname + location.search);
  const autosave: Autosave | undefined = db ? startAutosave(store, db) : undefined;
  if (autosave) {
    const flush = (): void => void autosave.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
  window.addEventListener('hashchange', () => {
    const payload = sharePayloadFromHash(location.hash);
    if (payload === undefined) return;
    void autosave?.flush().then(() => {
      openSharePayload(store, payload, newGraphId());
      history.replaceState(null, '', location.pathname + location.search);
    });
  });
  const services: EditorServices = { store, ui, bridge: createCanvasBridge(), db, autosave };
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(<App services={services} />);
}

void boot();
