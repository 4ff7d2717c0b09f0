/** The editor layout: toolbar, palette, canvas with summary and run panel, inspector, and overlays. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { GraphCanvas } from './canvas/GraphCanvas.tsx';
import { KeepGraphInView } from './canvas/KeepGraphInView.tsx';
import { HelpOverlay } from './chrome/HelpOverlay.tsx';
import { LibraryDialog } from './chrome/LibraryDialog.tsx';
import { MissingPluginsBanner } from './chrome/MissingPluginsBanner.tsx';
import { PluginsDialog } from './plugins/PluginsDialog.tsx';
import { Notices } from './chrome/Notices.tsx';
import { RunDock } from './chrome/RunDock.tsx';
import { Toolbar } from './chrome/Toolbar.tsx';
import { useShortcuts } from './chrome/useShortcuts.ts';
import { EditorContext, type EditorServices } from './hooks/EditorContext.ts';
import { useStoreSelector } from './hooks/useStoreSelector.ts';
import { Inspector } from './inspector/Inspector.tsx';
import { Palette } from './palette/Palette.tsx';
import { QuickAdd } from './palette/QuickAdd.tsx';
import { SummaryPanel } from './summary/SummaryPanel.tsx';

/** Props of {@link App}. */
export interface AppProps {
  readonly services: EditorServices;
}

/** The editor. */
export function App({ services }: AppProps) {
  useShortcuts(services);
  const theme = useStoreSelector(services.ui, (s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <EditorContext.Provider value={services}>
      <ReactFlowProvider>
        <div className="nw-app" data-testid="app">
          <Toolbar />
          <MissingPluginsBanner />
          <main className="nw-main">
            <Palette />
            <div className="nw-center">
              <GraphCanvas />
              <KeepGraphInView />
              <SummaryPanel />
              <RunDock />
            </div>
            <Inspector />
          </main>
          <QuickAdd />
          <HelpOverlay />
          <LibraryDialog />
          <PluginsDialog />
          <Notices />
        </div>
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
