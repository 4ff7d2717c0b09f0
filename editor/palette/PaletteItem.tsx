/** One plugin in the palette: draggable onto the canvas, Enter or double-click adds it. */
import { memo } from 'react';
import type { AnyPluginSpec } from '../../runtime/sdk/index.ts';
import { CATEGORY_COLORS, categoryTitle } from '../canvas/categoryColors.ts';
import { PLUGIN_DRAG_TYPE } from './dragTypes.ts';
import { oneLineDoc } from './paletteSearch.ts';

/** Props of {@link PaletteItem}. */
export interface PaletteItemProps {
  readonly spec: AnyPluginSpec;
  readonly active: boolean;
  /** Search results also show the category and the first sentence of the doc. */
  readonly detailed: boolean;
  /** Its module is in develop mode (rebuilt on every save): shown as a badge. */
  readonly developing?: boolean;
  readonly onAdd: (type: string) => void;
  readonly onHover: (type: string) => void;
}

function PaletteItemView({ spec, active, detailed, developing = false, onAdd, onHover }: PaletteItemProps) {
  return (
    <li
      className={`nw-palette-item${active ? ' nw-active' : ''}`}
      draggable
      data-testid={`palette-item-${spec.id}`}
      title={spec.doc}
      style={{ '--nw-accent': CATEGORY_COLORS[spec.category] } as React.CSSProperties}
      onDragStart={(e) => {
        e.dataTransfer.setData(PLUGIN_DRAG_TYPE, spec.id);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={() => { onAdd(spec.id); }}
      onMouseEnter={() => { onHover(spec.id); }}
      role="option"
      aria-selected={active}
    >
      <span className="nw-palette-title">
        {spec.title}
        {developing ? (
          <span className="nw-badge nw-developing" title="Its module is in develop mode: rebuilt from the dev server on every save" data-testid="palette-item-developing">
            developing
          </span>
        ) : null}
        {detailed ? <span className="nw-palette-category" data-testid="palette-item-category">{categoryTitle(spec.category)}</span> : null}
      </span>
      <span className="nw-palette-id">{spec.id}</span>
      {detailed ? <span className="nw-palette-doc" data-testid="palette-item-doc">{oneLineDoc(spec.doc)}</span> : null}
    </li>
  );
}

/** Memoised palette entry. */
export const PaletteItem = memo(PaletteItemView);
