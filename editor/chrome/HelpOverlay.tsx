/** The keyboard help overlay (press ?). */
import { useServices } from '../hooks/EditorContext.ts';
import { useUiState } from '../hooks/useStoreSelector.ts';
import { SHORTCUTS } from './shortcuts.ts';

/** Help overlay; renders nothing when closed. */
export function HelpOverlay() {
  const { ui } = useServices();
  const open = useUiState((s) => s.helpOpen);
  if (!open) return null;
  return (
    <div className="nw-overlay" onClick={() => { ui.update({ helpOpen: false }); }} data-testid="help-overlay">
      <div className="nw-dialog" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => { e.stopPropagation(); }}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="nw-muted">Drag from a port to another to connect; drop a link on empty canvas to add a fitting node. Shift-drag selects a box. Drop a .graph.json file on the canvas to open it.</p>
        <button type="button" onClick={() => { ui.update({ helpOpen: false }); }}>
          Close
        </button>
      </div>
    </div>
  );
}
