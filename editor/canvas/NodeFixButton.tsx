/**
 * The one-click repair a node's diagnostic offers (`Diagnostic.fix`): set params on the node
 * feeding one of its inputs. Shown only when that producer has every param and accepts the
 * values; a click applies them as one undoable edit.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import { checkParam, type Diagnostic, type DiagnosticFix } from '../../runtime/sdk/index.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import type { EditorState } from '../model/editorStore.ts';
import { setParam } from '../model/edits.ts';

/** A repair that applies: the producer it edits and the fix. */
export interface ApplicableFix {
  readonly producer: string;
  readonly fix: DiagnosticFix;
}

/**
 * The first repair among `diagnostics` that applies to `doc`: the node feeding `upstreamOf` of
 * node `id` exists, its plugin has every param of the fix and each value passes its check.
 */
export function applicableFix(doc: GraphDoc, registry: Registry, id: string, diagnostics: readonly Diagnostic[]): ApplicableFix | undefined {
  for (const d of diagnostics) {
    const fix = d.fix;
    if (!fix) continue;
    const edge = Object.values(doc.edges).find((e) => e.to.node === id && e.to.port === fix.upstreamOf);
    const producer = edge ? doc.nodes[edge.from.node] : undefined;
    const spec = producer ? registry.get(producer.type) : undefined;
    if (!edge || !spec) continue;
    const fits = Object.entries(fix.params).every(([name, value]) => {
      const desc = spec.params[name];
      return desc !== undefined && checkParam(desc, value) === undefined;
    });
    if (fits) return { producer: edge.from.node, fix };
  }
  return undefined;
}

/** Props of {@link NodeFixButton}. */
export interface NodeFixButtonProps {
  readonly id: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** "Fix: 2 units, no activation on dense3" under a node whose check offers a repair. */
export function NodeFixButton({ id, diagnostics }: NodeFixButtonProps) {
  const { store } = useServices();
  const doc = useEditorState((s: EditorState) => (diagnostics.some((d) => d.fix) ? s.view : undefined));
  const found = doc ? applicableFix(doc, store.registry, id, diagnostics) : undefined;
  if (!found) return null;
  const apply = () => {
    store.edit((run) => {
      for (const [name, value] of Object.entries(found.fix.params)) setParam(found.producer, name, value)(run);
    });
  };
  return (
    <button
      type="button"
      className="nw-node-fix nodrag"
      data-testid={`node-fix-${id}`}
      title={`Set ${Object.keys(found.fix.params).join(' and ')} on "${found.producer}" (one undo step)`}
      onClick={apply}
    >
      Fix: {found.fix.label} on {found.producer}
    </button>
  );
}
