/** Searching and filtering plugin specs for the palette and the quick-add popup. */
import { checkPortValue, portsConnectable, type AnyPluginSpec, type PortSpec, type PortValue } from '../../runtime/sdk/index.ts';
import { fuzzyRank } from '../model/fuzzy.ts';

/**
 * Specs ranked for a query: matches in the title or id first, then in the category, then in
 * the doc text (whole words only there, no typos).
 */
export function rankSpecs(specs: readonly AnyPluginSpec[], query: string): AnyPluginSpec[] {
  return fuzzyRank(query, specs, [
    { texts: (s) => [s.title, s.id], typos: true },
    { texts: (s) => [s.category], typos: true },
    { texts: (s) => [s.doc], typos: false },
  ]);
}

/** The first sentence of a plugin's doc (up to `max` characters), for one line under its title. */
export function oneLineDoc(doc: string, max = 90): string {
  const flat = doc.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  let first = end >= 0 ? flat.slice(0, end) : flat;
  // A long sentence is cut at its first clause (": ", "; ") when that says enough.
  const clause = first.search(/[:;](\s|$)/);
  if (first.length > max && clause >= 12) first = first.slice(0, clause);
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}

/** The end of a link being dragged: its port spec, which side it is, and its inferred value. */
export interface DraggedPort {
  readonly side: 'output' | 'input';
  readonly spec: PortSpec;
  readonly value?: PortValue;
}

/** The port of `spec` a dragged link can attach to, or undefined when none fits. */
export function compatiblePort(spec: AnyPluginSpec, dragged: DraggedPort): string | undefined {
  if (dragged.side === 'output') {
    for (const [name, input] of Object.entries(spec.inputs)) {
      if (portsConnectable(dragged.spec, input) !== undefined) continue;
      if (dragged.value && checkPortValue(input, dragged.value) !== undefined) continue;
      return name;
    }
    return undefined;
  }
  for (const [name, output] of Object.entries(spec.outputs)) {
    if (portsConnectable(output, dragged.spec) === undefined) return name;
  }
  return undefined;
}
