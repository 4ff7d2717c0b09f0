/** One plugin in the palette: draggable onto the canvas, Enter or double-click adds it. */
import { memo } from 'react';
import type { AnyPluginSpec } from '../../runtime/sdk/index.ts';
import { CATEGORY_COLORS } from '../canvas/categoryColors.ts';
import { PLUGIN_DRAG_TYPE } from './dragTypes.ts';

/** Props of {@link PaletteItem}. */
export interface PaletteItemProps {
  readonly spec: AnyPluginSpec;
  readonly active: boolean;
  readonly onAdd: (type: string) => void;
  readonly onHover: (type: string) => void;
}

function PaletteItemView({ spec, active, onAdd, onHover }: PaletteItemProps) {
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
      <span className="nw-palette-title">{spec.title}</span>
      <span className="nw-palette-id">{spec.id}</span>
    </li>
  );
}

/** Memoised palette entry. */
export const PaletteItem = memo(PaletteItemView);
