/**
 * The palette: the open file's blocks (PaletteBlocks.tsx), then every registered plugin by
 * category, with fuzzy search. Arrow keys move the
 * highlight, Enter adds the highlighted plugin at the cursor (or the canvas centre), items can
 * be dragged onto the canvas.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES } from '../../runtime/sdk/index.ts';
import { categoryTitle } from '../canvas/categoryColors.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState, useUiState } from '../hooks/useStoreSelector.ts';
import { useDevelopingPluginIds } from '../plugins/usePluginHost.ts';
import { PaletteBlocks } from './PaletteBlocks.tsx';
import { PaletteLibrary } from './PaletteLibrary.tsx';
import { PaletteItem } from './PaletteItem.tsx';
import { rankSpecs } from './paletteSearch.ts';
import { addNodeInView } from './placeNode.ts';

/** The palette side panel. */
export function Palette() {
  const { store, bridge, plugins } = useServices();
  const developing = useDevelopingPluginIds(plugins);
  const focusSearch = useUiState((s) => s.focusSearch);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  // Installing or removing a plugin module swaps the registry: re-read it then.
  useEditorState((s) => s.registryVersion);
  const specs = store.registry.list();
  const ranked = useMemo(() => rankSpecs(specs, query), [specs, query]);
  const groups = useMemo(
    () => (query.trim() === '' ? CATEGORIES.map((c) => ({ category: c, specs: ranked.filter((s) => s.category === c) })).filter((g) => g.specs.length > 0) : [{ category: 'results', specs: ranked }]),
    [ranked, query],
  );
  const activeId = active !== undefined && ranked.some((s) => s.id === active) ? active : ranked[0]?.id;

  useEffect(() => {
    if (focusSearch > 0) {
      input.current?.focus();
      input.current?.select();
    }
  }, [focusSearch]);

  const add = useCallback((type: string) => addNodeInView(store, bridge, type), [store, bridge]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = ranked.findIndex((s) => s.id === activeId);
    if (e.key === 'ArrowDown') {
      setActive(ranked[Math.min(i + 1, ranked.length - 1)]?.id);
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      setActive(ranked[Math.max(i - 1, 0)]?.id);
      e.preventDefault();
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && activeId !== undefined) {
      // (Ctrl+Enter is Run, handled by the global shortcuts.)
      add(activeId);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      setQuery('');
      input.current?.blur();
    }
  };

  return (
    <aside className="nw-palette" data-testid="palette">
      <input
        ref={input}
        className="nw-search"
        placeholder="Search nodes  ( / or Ctrl+K )"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(undefined);
        }}
        onKeyDown={onKeyDown}
        data-testid="palette-search"
        aria-label="Search nodes"
      />
      {specs.length === 0 ? <p className="nw-empty">No plugins are registered.</p> : null}
      <div className="nw-palette-list" role="listbox">
        <PaletteBlocks query={query} />
        <PaletteLibrary query={query} />
        {groups.map((g) => (
          <section key={g.category}>
            <h3>{g.category === 'results' ? `${g.specs.length} result(s)` : categoryTitle(g.category)}</h3>
            <ul>
              {g.specs.map((s) => (
                <PaletteItem key={s.id} spec={s} active={s.id === activeId && query !== ''} detailed={query.trim() !== ''} developing={developing.has(s.id)} onAdd={add} onHover={setActive} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
