/**
 * Entry point: loads the installed plugin modules, builds the registry and stores, restores
 * the last session (or a share link, or the example), starts autosave and mounts the editor.
 */
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { createRoot } from 'react-dom/client';
import { builtinSpecs } from '../plugins/index.ts';
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
import { applyRegistry } from './plugins/applyRegistry.ts';
import { openPluginDb, type PluginDb } from './plugins/pluginDatabase.ts';
import { createPluginHost, type PluginHost } from './plugins/pluginHost.ts';
import { errorMessage } from '../runtime/sdk/index.ts';

/** Loads the installed plugin modules; the editor starts without them if that fails. */
async function startPlugins(): Promise<{ plugins: PluginHost; problem?: string }> {
  let pluginDb: PluginDb | undefined;
  let problem: string | undefined;
  try {
    pluginDb = await openPluginDb();
  } catch (e) {
    problem = `Installed plugins are unavailable (local storage: ${errorMessage(e)})`;
  }
  const plugins = createPluginHost(builtinSpecs, pluginDb);
  await plugins.start();
  return { plugins, ...(problem === undefined ? {} : { problem }) };
}

async function boot(): Promise<void> {
  const { plugins, problem } = await startPlugins();
  const store = createEditorStore(plugins.getState().registry);
  if (problem !== undefined) store.notify('error', problem);
  for (const { error } of plugins.getState().modules) {
    if (error !== undefined) store.notify('error', `${error}. Its nodes are kept as placeholders; see Plugins.`);
  }
  plugins.subscribe(() => {
    const changed = applyRegistry(store, plugins.getState().registry);
    if (changed.length > 0) store.notify('info', `Plugins changed: nodes of ${changed.join(', ')} were re-read (the undo history starts again here).`);
  });
  const ui = createUiStore({ theme: initialTheme() });
  let db: EditorDb | undefined;
  try {
    db = await openEditorDb();
  } catch (e) {
    store.notify('error', `Local storage is unavailable, so work is not kept between visits: ${errorMessage(e)}`);
  }
  // A database that opens but fails to read must still give a working editor (with a notice).
  const restored = db
    ? await restoreSession(store, db, { hash: location.hash, example: () => loadExample() }).catch((e: unknown) => {
        store.notify('error', `Could not restore the last session: ${errorMessage(e)}`);
        return undefined;
      })
    : undefined;
  if (restored === undefined) {
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
    void autosave?.flush().then(async () => {
      await openSharePayload(store, payload, newGraphId());
      history.replaceState(null, '', location.pathname + location.search);
    });
  });
  const services: EditorServices = { store, ui, bridge: createCanvasBridge(), db, autosave, plugins };
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(<App services={services} />);
}

void boot();
