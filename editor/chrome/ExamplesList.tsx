/**
 * The examples gallery inside the library dialog: every bundled graph from graphs/. Opening one
 * saves the current graph first and opens the example as a new library graph, so the open graph
 * is never overwritten.
 */
import { exampleNames, loadExample } from '../examples.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { newGraphId } from '../model/graphDatabase.ts';
import { openGraphText } from '../model/openGraph.ts';

/** Props of {@link ExamplesList}. */
export interface ExamplesListProps {
  /** Called once an example has opened (the dialog closes). */
  readonly onOpened: () => void;
}

/** The list of bundled example graphs; renders nothing when none are bundled. */
export function ExamplesList({ onOpened }: ExamplesListProps) {
  const { store, autosave } = useServices();
  const names = exampleNames();
  if (names.length === 0) return null;
  const open = async (name: string): Promise<void> => {
    await autosave?.flush();
    const text = await loadExample(name);
    if (text === undefined) {
      store.notify('error', `The example "${name}" is not bundled with this build`);
      return;
    }
    if (openGraphText(store, text, `the example "${name}"`, newGraphId(), name)) onOpened();
  };
  return (
    <section aria-label="Examples">
      <h3>Examples</h3>
      <ul style={{ columns: 2, margin: 0 }}>
        {names.map((name) => (
          <li key={name}>
            <button type="button" className="nw-link" onClick={() => void open(name)} data-testid={`example-${name}`}>
              {name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
