/**
 * On a data node whose dataset is not in this browser (neither shipped nor kept): a badge naming
 * the dataset and a "Choose file…" (or "Choose folder…" and "Choose IDX files…") button. The picker opens on the node;
 * the picked handles go to the run panel's Data section through the data bridge
 * (`editor/data/dataBridge.ts`), which reads them in the worker; the run dock opens so the
 * progress and any refusal can be seen. Nothing for other nodes or while the kept list loads.
 */
import { useCallback, useRef } from 'react';
import type { GraphNode } from '../../runtime/graph/types.ts';
import { dataBridge, useKeptDatasets } from '../data/dataBridge.ts';
import { dataNodeOf, missingNames, statusIn } from '../data/dataStatus.ts';
import { IdxFilesButton } from '../data/IdxFilesButton.tsx';
import { pickedFolder } from '../data/pickedFolder.ts';
import { useServices } from '../hooks/EditorContext.ts';
import '../data/dataFiles.css';

/** Props of {@link NodeDataBadge}. */
export interface NodeDataBadgeProps {
  readonly node: GraphNode;
}

/** The missing-data badge of one node. */
export function NodeDataBadge({ node }: NodeDataBadgeProps) {
  const { ui } = useServices();
  const kept = useKeptDatasets();
  const input = useRef<HTMLInputElement | null>(null);
  const data = dataNodeOf(node);
  const folder = data?.kind === 'images';
  // A callback ref: the input appears only once the data is known to be missing.
  const attach = useCallback(
    (el: HTMLInputElement | null) => {
      input.current = el;
      if (el) el.webkitdirectory = folder;
    },
    [folder],
  );
  if (!data || !kept || statusIn(data, kept) !== 'missing') return null;
  const what = folder ? 'folder' : 'file';
  const missing = missingNames(data, kept).map((n) => `“${n}”`);
  return (
    <div className="nw-node-data nodrag" role="alert" data-testid={`node-data-missing-${node.id}`}>
      <span className="nw-data-missing" title={`SHA-256 ${data.sha256}`}>
        ⚠ {missing.join(' and ')} {missing.length > 1 ? 'are' : 'is'} not in this browser
      </span>{' '}
      <button type="button" data-testid={`node-data-choose-${node.id}`} onClick={() => input.current?.click()}>
        Choose {what}…
      </button>
      {folder && (
        <IdxFilesButton
          testIdPrefix="node-data"
          nodeId={node.id}
          onPicked={(picked) => {
            dataBridge.submit({ nodeId: node.id, picked });
            ui.update({ runOpen: true });
          }}
        />
      )}
      <input
        ref={attach}
        type="file"
        hidden
        {...(folder ? {} : { accept: '.txt,text/plain' })}
        data-testid={`node-data-file-${node.id}`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          const picked = folder ? pickedFolder(files) : files[0];
          if (!picked) return;
          dataBridge.submit({ nodeId: node.id, picked });
          ui.update({ runOpen: true });
        }}
      />
    </div>
  );
}
