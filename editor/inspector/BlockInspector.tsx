/**
 * Inspector for a block instance: which block, the repeat count and the exposed params as the
 * usual param fields (their descriptors come from the definition, `instanceDescriptors`), the
 * params and FLOPs of all copies, the diagnostics of inner nodes (each naming its path), Ungroup,
 * Make unique, and the definition's inner params (an edit changes every instance).
 */
import { makeUnique } from '../../runtime/blocks/commands.ts';
import { instanceDescriptors } from '../../runtime/blocks/params.ts';
import { BLOCK_PARAM, instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import { NodeDiagnostics } from '../canvas/NodeDiagnostics.tsx';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { ungroupSelection } from '../model/blockActions.ts';
import { blockFileText } from '../model/blockFiles.ts';
import { saveLibraryBlock } from '../model/blockLibrary.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import { downloadText } from '../io/saveFiles.ts';
import { formatCount } from '../model/format.ts';
import { BlockDefinitionParams } from './BlockDefinitionParams.tsx';
import { ParamField } from './ParamField.tsx';

/** Props of {@link BlockInspector}. */
export interface BlockInspectorProps {
  readonly nodeId: string;
}

/** The inspector of a block instance. */
export function BlockInspector({ nodeId }: BlockInspectorProps) {
  const { store } = useServices();
  const node = useEditorState((s) => s.view.nodes[nodeId]);
  const blocks = useEditorState((s) => s.view.blocks);
  const inf = useEditorState((s) => s.viewReport.nodes[nodeId]);
  if (!node) return null;
  const blockId = instanceBlockId(node) ?? '';
  const def = blocks && Object.hasOwn(blocks, blockId) ? blocks[blockId] : undefined;
  const fields = def ? Object.entries(instanceDescriptors(def)).filter(([name]) => name !== BLOCK_PARAM) : [];
  return (
    <div className="nw-inspector-body" data-testid="inspector-node">
      <h2>
        {node.label ?? def?.title ?? blockId} <NodeDiagnostics diagnostics={inf?.diagnostics ?? []} />
      </h2>
      <p className="nw-muted nw-mono">
        {nodeId} · block “{blockId}”
      </p>
      {def?.doc ? <p>{def.doc}</p> : null}
      {def ? null : <p className="nw-warning">This file defines no block “{blockId}”.</p>}
      {inf && inf.diagnostics.length > 0 ? (
        <ul className="nw-diagnostics" data-testid="inspector-diagnostics">
          {inf.diagnostics.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'nw-error' : 'nw-warning'}>
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Parameters</h3>
      {fields.map(([name, desc]) => (
        <ParamField
          key={`${nodeId}.${name}`}
          nodeId={nodeId}
          name={name}
          desc={desc}
          stored={node.params[name]}
        />
      ))}
      <div className="nw-field-row">
        <button
          type="button"
          data-testid="block-ungroup"
          onClick={() => {
            ungroupSelection(store);
          }}
        >
          Ungroup
        </button>
        <button
          type="button"
          data-testid="block-make-unique"
          title="Give this instance its own copy of the block, so editing it leaves the other instances alone"
          onClick={() => {
            store.edit((apply) => {
              apply(makeUnique, { node: nodeId });
            });
          }}
        >
          Make unique
        </button>
        <button
          type="button"
          data-testid="block-export"
          title="Download this block (with the blocks it uses) as a .block.json file, to import into another graph"
          onClick={() => {
            downloadText(`${blockId}.block.json`, blockFileText(store, nodeId));
          }}
        >
          Export .block.json
        </button>
        <button
          type="button"
          data-testid="block-save-library"
          title="Keep this block in this browser's block library, to add it to any graph from the palette"
          onClick={() => {
            const title = def?.title ?? blockId;
            saveLibraryBlock({ id: blockId, title, text: blockFileText(store, nodeId) }).then(
              () => { store.notify('info', `Saved block “${title}” to the block library`); },
              (e: unknown) => { store.notify('error', `Cannot save block “${title}” to the library: ${errorMessage(e)}`); },
            );
          }}
        >
          Save to library
        </button>
      </div>
      {def ? <BlockDefinitionParams key={blockId} blockId={blockId} def={def} /> : null}
      <p className="nw-muted" data-testid="block-totals">
        {formatCount(inf?.paramCount ?? 0)} params
        {inf?.flops !== undefined ? ` · ${formatCount(inf.flops)} FLOPs per example` : ''} in all copies
      </p>
    </div>
  );
}
