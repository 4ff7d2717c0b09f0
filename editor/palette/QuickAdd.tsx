/**
 * Quick add: dropping a link on empty canvas opens a search of the plugins that have a port
 * fitting the dragged one. Choosing one adds it there and connects it, as one undo step.
 */
import { useMemo, useState } from 'react';
import { useServices } from '../hooks/EditorContext.ts';
import { useUiState } from '../hooks/useStoreSelector.ts';
import { compatiblePort, rankSpecs, type DraggedPort } from './paletteSearch.ts';
import { freeSpotFor } from './placeNode.ts';
import { quickAddNode } from './quickAddNode.ts';

/** The quick-add popup; renders nothing when closed. */
export function QuickAdd() {
  const { store, ui, bridge } = useServices();
  const quick = useUiState((s) => s.quickAdd);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const dragged: DraggedPort | undefined = useMemo(() => {
    if (!quick?.from) return undefined;
    const { view: doc, viewReport: inference } = store.getState();
    const node = doc.nodes[quick.from.node];
    const spec = node ? store.registry.get(node.type) : undefined;
    const portSpec = quick.from.side === 'output' ? spec?.outputs[quick.from.port] : spec?.inputs[quick.from.port];
    if (!portSpec) return undefined;
    const value = quick.from.side === 'output' ? inference.nodes[quick.from.node]?.outputs[quick.from.port] : undefined;
    return { side: quick.from.side, spec: portSpec, ...(value ? { value } : {}) };
  }, [quick, store]);
  const choices = useMemo(() => {
    const specs = store.registry.list().filter((s) => !dragged || compatiblePort(s, dragged) !== undefined);
    return rankSpecs(specs, query).slice(0, 12);
  }, [store, dragged, query]);
  if (!quick) return null;

  const close = (): void => {
    ui.update({ quickAdd: undefined });
    setQuery('');
    setIndex(0);
  };
  const choose = (type: string): void => {
    quickAddNode(store, type, freeSpotFor(store, bridge, type, quick.flow), quick.from, dragged);
    close();
  };

  return (
    <div className="nw-quickadd" style={{ left: quick.screen.x, top: quick.screen.y }} data-testid="quick-add">
      <input
        autoFocus
        className="nw-search"
        placeholder={dragged ? 'Add a node that fits this port…' : 'Add a node…'}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          else if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, choices.length - 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && choices[index]) choose(choices[index].id);
          else return;
          e.preventDefault();
        }}
        data-testid="quick-add-search"
      />
      <ul>
        {choices.map((s, i) => (
          <li key={s.id} className={i === index ? 'nw-active' : ''} onMouseDown={() => { choose(s.id); }} data-testid={`quick-add-${s.id}`}>
            {s.title} <span className="nw-palette-id">{s.id}</span>
          </li>
        ))}
        {choices.length === 0 ? <li className="nw-empty">No plugin fits this port.</li> : null}
      </ul>
    </div>
  );
}
