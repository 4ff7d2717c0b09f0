/**
 * The services every component reaches through context: the document store, UI store, canvas
 * bridge, plugin host and (when IndexedDB is available) the library database and autosave.
 */
import { createContext, useContext } from 'react';
import type { CanvasBridge } from '../canvas/canvasBridge.ts';
import type { Autosave } from '../model/autosave.ts';
import type { EditorStore } from '../model/editorStore.ts';
import type { EditorDb } from '../model/graphDatabase.ts';
import type { UiStore } from '../model/uiStore.ts';
import type { PluginHost } from '../plugins/pluginHost.ts';

/** Services shared through context. */
export interface EditorServices {
  readonly store: EditorStore;
  readonly ui: UiStore;
  readonly bridge: CanvasBridge;
  readonly db: EditorDb | undefined;
  readonly autosave: Autosave | undefined;
  /** Installed third-party plugin modules (works without IndexedDB, forgetting them on reload). */
  readonly plugins: PluginHost;
}

/** Context carrying {@link EditorServices}. */
export const EditorContext = createContext<EditorServices | null>(null);

/** The services; throws outside an {@link EditorContext} provider. */
export function useServices(): EditorServices {
  const s = useContext(EditorContext);
  if (!s) throw new Error('useServices: no EditorContext provider above this component');
  return s;
}
