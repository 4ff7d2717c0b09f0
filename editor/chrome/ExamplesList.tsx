/**
 * The examples gallery inside the library dialog: every bundled graph from graphs/ with its
 * title, the first sentence of its description and a thumbnail of the graph. Opening one
 * saves the current graph first and opens the example as a new library graph, so the open graph
 * is never overwritten.
 */
import { useEffect, useState } from 'react';
import { exampleNames, loadExample } from '../examples.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { summarizeExample, type ExampleSummary } from './exampleSummary.ts';
import { ExampleThumbnail } from './ExampleThumbnail.tsx';
import { openExample } from './openExample.ts';

/** Props of {@link ExamplesList}. */
export interface ExamplesListProps {
  /** Called once an example has opened (the dialog closes). */
  readonly onOpened: () => void;
}

/** The list of bundled example graphs; renders nothing when none are bundled. */
export function ExamplesList({ onOpened }: ExamplesListProps) {
  const services = useServices();
  const [names] = useState(exampleNames);
  // Titles, descriptions and thumbnails come from the files, read when the gallery opens.
  const [summaries, setSummaries] = useState<Readonly<Record<string, ExampleSummary>>>({});
  useEffect(() => {
    let live = true;
    void Promise.all(names.map(async (name) => summarizeExample(name, (await loadExample(name)) ?? ''))).then((all) => {
      if (live) setSummaries(Object.fromEntries(all.map((s) => [s.name, s])));
    });
    return () => {
      live = false;
    };
  }, [names]);
  if (names.length === 0) return null;
  const open = async (name: string): Promise<void> => {
    if (await openExample(services, name)) onOpened();
  };
  return (
    <section aria-label="Examples">
      <h3>Examples</h3>
      <ul className="nw-examples">
        {names.map((name) => {
          const summary = summaries[name];
          return (
            <li key={name}>
              <button type="button" className="nw-example" onClick={() => void open(name)} data-testid={`example-${name}`} title={summary?.description ?? name} aria-label={summary ? `${summary.title} (${name})` : name}>
                {summary ? <ExampleThumbnail summary={summary} /> : <span className="nw-example-thumb" />}
                <span className="nw-example-text">
                  <span className="nw-example-title" data-testid="example-title">{summary?.title ?? name}</span>
                  <span className="nw-example-description" data-testid="example-description">{summary?.description ?? ''}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
