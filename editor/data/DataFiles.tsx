/**
 * The run panel's Data section: for each text-corpus node of the graph, which file it was made
 * with and whether this browser has it (shipped with Netwright, kept from an earlier pick, or
 * missing: then it asks for the file). "Choose file…" (or a .txt dropped on the section) hands
 * the file to the engine worker, which reads it with a progress bar, checks it and keeps it in
 * IndexedDB; the node then names the new file. A file whose hash differs from the one the graph
 * recorded is flagged. The kept datasets are listed with Remove.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { StoredDataset } from '../../workers/engineApi.ts';
import type { RunSession } from '../run/runSession.ts';
import { corpusNodes, paramsForPickedText, statusOf, type CorpusNode } from './dataStatus.ts';
import './dataFiles.css';

/** Props of {@link DataFiles}. */
export interface DataFilesProps {
  readonly session: RunSession;
  readonly doc: GraphDoc;
  /** Sets params of a node (one undo step in the editor). */
  readonly onNodeParams?: (nodeId: string, params: Readonly<Record<string, ParamValue>>) => void;
}

const sizeText = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

function CorpusRow({ node, stored, onPick }: { node: CorpusNode; stored: readonly StoredDataset[]; onPick: (node: CorpusNode, file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const status = statusOf(node, stored);
  return (
    <li
      className="nw-data-row"
      data-testid={`data-node-${node.id}`}
      onDragOver={(e) => { e.preventDefault(); }}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file) onPick(node, file);
      }}
    >
      <span className="nw-data-name">
        {node.id}: “{node.dataset}” ({sizeText(node.size)})
      </span>{' '}
      <span className={status === 'missing' ? 'nw-data-missing' : 'nw-data-ok'} data-testid={`data-status-${node.id}`}>
        {status === 'shipped' ? 'shipped with Netwright' : status === 'kept' ? 'in this browser' : 'not in this browser: choose the file to train'}
      </span>{' '}
      <button type="button" data-testid={`data-choose-${node.id}`} onClick={() => input.current?.click()}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".txt,text/plain"
        hidden
        data-testid={`data-file-${node.id}`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onPick(node, file);
        }}
      />
    </li>
  );
}

/** The Data section, or nothing when the graph has no text-corpus node. */
export function DataFiles({ session, doc, onNodeParams }: DataFilesProps) {
  const [stored, setStored] = useState<readonly StoredDataset[]>([]);
  const [progress, setProgress] = useState<{ name: string; loaded: number; total: number }>();
  const [message, setMessage] = useState<{ kind: 'error' | 'note'; text: string }>();
  const nodes = corpusNodes(doc);
  const refresh = useCallback(() => {
    session.listDatasets().then(setStored, (e: unknown) => {
      setMessage({ kind: 'error', text: `the kept datasets could not be listed: ${errorMessage(e)}` });
    });
  }, [session]);
  useEffect(() => {
    if (nodes.length > 0) refresh();
  }, [nodes.length, refresh]);
  const pick = (node: CorpusNode, file: File): void => {
    setMessage(undefined);
    setProgress({ name: file.name, loaded: 0, total: file.size });
    session
      .addDataset(file, (loaded, total) => {
        setProgress({ name: file.name, loaded, total });
      })
      .then((added) => {
        const { params, notes } = paramsForPickedText(node, added);
        onNodeParams?.(node.id, params);
        const all = [...notes, ...(added.note ? [added.note] : [])];
        setMessage(all.length > 0 ? { kind: 'note', text: all.join(' ') } : undefined);
        refresh();
      })
      .catch((e: unknown) => {
        setMessage({ kind: 'error', text: `${errorMessage(e)} (node "${node.id}" keeps “${node.dataset}”)` });
      })
      .finally(() => {
        setProgress(undefined);
      });
  };
  if (nodes.length === 0) return null;
  return (
    <section className="nw-data" aria-label="Data" data-testid="data-files">
      <h3 className="nw-run-heading">Data</h3>
      <ul className="nw-data-list">
        {nodes.map((n) => (
          <CorpusRow key={n.id} node={n} stored={stored} onPick={pick} />
        ))}
      </ul>
      {progress && (
        <label className="nw-data-progress">
          Reading “{progress.name}” <progress data-testid="data-progress" max={progress.total} value={progress.loaded} />
        </label>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'nw-data-error' : 'nw-data-note'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`data-${message.kind}`}>
          {message.text}
        </p>
      )}
      {stored.length > 0 && (
        <details className="nw-data-kept" data-testid="data-kept">
          <summary>Kept in this browser ({stored.length})</summary>
          <ul>
            {stored.map((d) => (
              <li key={d.sha256} data-testid={`data-kept-${d.name}`}>
                “{d.name}” ({sizeText(d.size)}, SHA-256 {d.sha256.slice(0, 12)}…){' '}
                <button
                  type="button"
                  onClick={() => {
                    session.removeDataset(d.sha256).then(refresh, (e: unknown) => {
                      setMessage({ kind: 'error', text: errorMessage(e) });
                    });
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
