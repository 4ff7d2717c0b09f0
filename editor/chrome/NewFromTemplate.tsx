/** The templates next to New: a menu of example graphs that train as they are. */
import { useState } from 'react';
import { exampleNames } from '../examples.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { openExample } from './openExample.ts';
import { TEMPLATES } from './templates.ts';

/** A select whose choice opens that template as a new graph (and goes back to its prompt). */
export function NewFromTemplate() {
  const services = useServices();
  const [templates] = useState(() => {
    const bundled = new Set(exampleNames());
    return TEMPLATES.filter((t) => bundled.has(t.example));
  });
  if (templates.length === 0) return null;
  return (
    <select
      className="nw-template-select"
      value=""
      aria-label="New from a template"
      title="A new graph from a template that trains as it is"
      data-testid="new-template"
      onChange={(e) => {
        if (e.target.value !== '') void openExample(services, e.target.value);
      }}
    >
      <option value="">Template…</option>
      {templates.map((t) => (
        <option key={t.example} value={t.example}>
          {t.label}
        </option>
      ))}
    </select>
  );
}
