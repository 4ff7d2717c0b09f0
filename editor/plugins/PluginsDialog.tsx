/**
 * The plugin manager: installed third-party plugin modules with their plugins and versions
 * (and the error of any that failed to load), remove, and install from a URL or a local file.
 * Installing reads the module first and asks for an explicit confirmation that names the
 * module, its size and SHA-256 before any of its code runs. "Review again…" reads a URL
 * module afresh (a new version, or one refused because it changed) through the same
 * confirmation. A module in develop mode shows a "developing" badge with the saves picked up;
 * "Stop developing…" is a fresh review that pins the code confirmed then.
 */
import { useState } from 'react';
import { useServices } from '../hooks/EditorContext.ts';
import { useUiState } from '../hooks/useStoreSelector.ts';
import { InstallConfirm } from './InstallConfirm.tsx';
import { candidateFromFile, candidateFromUrl, type ModuleCandidate } from './moduleCandidate.ts';
import { usePluginHostState } from './usePluginHost.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** The dialog; renders nothing when closed. */
export function PluginsDialog() {
  const { ui, plugins, store } = useServices();
  const open = useUiState((s) => s.pluginsOpen);
  const { modules } = usePluginHostState(plugins);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string>();
  const [candidate, setCandidate] = useState<ModuleCandidate>();
  const [busy, setBusy] = useState(false);
  if (!open) return null;
  const close = (): void => {
    setCandidate(undefined);
    setProblem(undefined);
    ui.update({ pluginsOpen: false });
  };
  const review = async (read: () => Promise<ModuleCandidate>): Promise<void> => {
    setProblem(undefined);
    setBusy(true);
    try {
      setCandidate(await read());
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (c: ModuleCandidate, developing: boolean): Promise<void> => {
    setBusy(true);
    const r = await plugins.install(c, { developing });
    setBusy(false);
    setCandidate(undefined);
    if (!r.ok) {
      setProblem(r.message);
      return;
    }
    setUrl('');
    store.notify('info', `${developing ? 'Developing' : 'Installed'} ${r.module.plugins.map((p) => `${p.title} (${p.id} ${p.version})`).join(', ')} from ${r.module.source}.`);
  };
  const remove = (key: string, source: string): void => {
    if (window.confirm(`Remove the plugin module ${source}? Nodes that use its plugins are kept as placeholders.`)) void plugins.remove(key);
  };
  return (
    <div className="nw-overlay" onClick={close} data-testid="plugins-dialog">
      <div className="nw-dialog nw-plugins" role="dialog" aria-label="Plugins" onClick={(e) => { e.stopPropagation(); }}>
        <h2>Plugins</h2>
        {candidate ? (
          <InstallConfirm candidate={candidate} busy={busy} onConfirm={(developing) => void confirm(candidate, developing)} onCancel={() => { setCandidate(undefined); }} />
        ) : (
          <>
            <form
              className="nw-install"
              onSubmit={(e) => {
                e.preventDefault();
                void review(() => candidateFromUrl(url, location.href));
              }}
            >
              <label>
                Module URL{' '}
                <input type="text" value={url} placeholder="https://…/my-plugin.js" onChange={(e) => { setUrl(e.target.value); }} aria-label="Module URL" data-testid="plugin-url" />
              </label>{' '}
              <button type="submit" disabled={busy} data-testid="plugin-install-url">
                Install from URL…
              </button>{' '}
              <label className="nw-file-button">
                Install from file…
                <input
                  type="file"
                  accept=".js,.mjs,text/javascript"
                  data-testid="plugin-file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void review(() => candidateFromFile(file));
                  }}
                />
              </label>
            </form>
            {problem !== undefined ? (
              <p className="nw-error" role="alert" data-testid="plugin-problem">
                {problem}
              </p>
            ) : null}
          </>
        )}
        <h3>Installed</h3>
        {modules.length === 0 ? <p data-testid="plugins-empty">No third-party plugins are installed; the built-in plugins are always available.</p> : null}
        <table>
          <tbody>
            {modules.map(({ module: m, error, develop }) => (
              <tr key={m.key} data-testid="plugin-row">
                <td>
                  <div className="nw-plugin-source" title={`SHA-256 ${m.sha256}`}>
                    {m.source}
                    {m.developing === true ? (
                      <>
                        {' '}
                        <span className="nw-badge nw-developing" title="Rebuilt from the dev server on every save; not pinned" data-testid="plugin-developing">
                          developing{develop !== undefined && develop.reloads > 0 ? ` · ${String(develop.reloads)} save${develop.reloads > 1 ? 's' : ''} picked up` : ''}
                        </span>
                      </>
                    ) : null}
                  </div>
                  {develop?.problem !== undefined ? (
                    <div className="nw-error" data-testid="plugin-develop-problem">
                      The last save did not build; the previous build keeps running: {develop.problem}
                    </div>
                  ) : null}
                  {error !== undefined ? (
                    <div className="nw-error" data-testid="plugin-row-error">
                      {error}
                    </div>
                  ) : (
                    <ul className="nw-plugin-list">
                      {m.plugins.map((p) => (
                        <li key={p.id}>
                          {p.title} <code>{p.id}</code> <span data-testid="plugin-version">{p.version}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{new Date(m.installedAt).toLocaleDateString()}</td>
                <td>
                  {m.kind === 'url' && m.url !== undefined ? (
                    <>
                      <button
                        type="button"
                        disabled={busy}
                        title="Read the module from its URL again and show its SHA-256 before running it"
                        onClick={() => {
                          const url = m.url ?? '';
                          void review(() => candidateFromUrl(url, location.href));
                        }}
                        data-testid={m.developing === true ? 'plugin-stop-developing' : 'plugin-review'}
                      >
                        {m.developing === true ? 'Stop developing…' : 'Review again…'}
                      </button>{' '}
                    </>
                  ) : null}
                  <button type="button" onClick={() => { remove(m.key, m.source); }} data-testid="plugin-remove">
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="nw-hint">
          A plugin module is an ES module built with the Netwright SDK (see docs/plugins.md). It runs with the same rights as this page and the training worker.
        </p>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
