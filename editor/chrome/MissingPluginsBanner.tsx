/** Banner listing the plugins a graph uses that are not installed. The rest stays editable. */
import { useEditorState } from '../hooks/useStoreSelector.ts';

/** The banner; renders nothing when every plugin is present. */
export function MissingPluginsBanner() {
  const missing = useEditorState((s) => s.missingPlugins);
  if (missing.length === 0) return null;
  return (
    <div className="nw-banner" role="status" data-testid="missing-banner">
      This graph uses plugins that are not installed: <b>{missing.join(', ')}</b>. Their nodes are kept exactly as saved (you can move, copy or delete them);
      everything else stays editable, and saving writes them back unchanged.
    </div>
  );
}
