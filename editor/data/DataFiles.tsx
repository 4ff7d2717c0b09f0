/**
 * The run panel's Data section: for each text-corpus and image-dataset node of the graph, which
 * file (or folder) it was made with and whether this browser has it (shipped with Netwright, kept
 * from an earlier pick, or missing: then it asks for it). "Choose file…" (or a .txt dropped on the
 * row), "Choose folder…" (a directory picker: one sub-folder of PNG/JPEG images per class) and
 * "Choose IDX files…" (an MNIST-format images file and its labels file, chosen together) hand
 * the `File` handles to the engine worker, which reads them with a progress bar, checks them and
 * keeps them in IndexedDB; the node then names the new data. A file whose hash differs from the
 * one the graph recorded is flagged. The kept datasets are listed with Remove.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { StoredDataset } from '../../workers/engineApi.ts';
import type { RunSession } from '../run/runSession.ts';
import { dataNodes, statusOf, type DataNode } from './dataStatus.ts';
import { IdxFilesButton } from './IdxFilesButton.tsx';
import { pickedFolder } from './pickedFolder.ts';
import { dataBridge } from './dataBridge.ts';
import { pickedName, readPicked, type PickedData } from './readPicked.ts';
import './dataFiles.css';

/** Props of {@link DataFiles}. */
export interface DataFilesProps {
  readonly session: RunSession;
  readonly doc: GraphDoc;
  /** Sets params of a node (one undo step in the editor). */
  readonly onNodeParams?: (nodeId: string, params: Readonly<Record<string, ParamValue>>) => void;
}

const sizeText = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

function DataRow({ node, stored, onPick, onRefused }: { node: DataNode; stored: readonly StoredDataset[]; onPick: (node: DataNode, picked: PickedData) => void; onRefused: (text: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const folder = node.kind === 'images';
  useEffect(() => {
    if (input.current) input.current.webkitdirectory = folder;
  }, [folder]);
  const status = statusOf(node, stored);
  const what = folder ? 'folder or IDX files' : 'file';
  return (
    <li
      className="nw-data-row"
      data-testid={`data-node-${node.id}`}
      onDragOver={(e) => { e.preventDefault(); }}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file && !folder) onPick(node, file);
      }}
    >
      <span className="nw-data-name">
        {node.id}: “{node.dataset}” ({sizeText(node.size)}){node.labels && <> with “{node.labels.dataset}” ({sizeText(node.labels.size)})</>}
      </span>{' '}
      <span className={status === 'missing' ? 'nw-data-missing' : 'nw-data-ok'} data-testid={`data-status-${node.id}`}>
        {status === 'shipped' ? 'shipped with Netwright' : status === 'kept' ? 'in this browser' : `not in this browser: choose the ${what} to train`}
      </span>{' '}
      <button type="button" data-testid={`data-choose-${node.id}`} onClick={() => input.current?.click()}>
        {folder ? 'Choose folder…' : 'Choose file…'}
      </button>
      {folder && <IdxFilesButton testIdPrefix="data" nodeId={node.id} onPicked={(picked) => { onPick(node, picked); }} />}
      <input
        ref={input}
        type="file"
        {...(folder ? {} : { accept: '.txt,text/plain' })}
        hidden
        data-testid={`data-file-${node.id}`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (!folder) {
            if (files[0]) onPick(node, files[0]);
            return;
          }
          const picked = pickedFolder(files);
          if (picked) onPick(node, picked);
          else onRefused(`the chosen folder holds no files: choose a folder with one sub-folder of PNG/JPEG images per class (node "${node.id}" keeps “${node.dataset}”)`);
        }}
      />
    </li>
  );
}

/** The Data section, or nothing when the graph has no text-corpus or image-dataset node. */
export function DataFiles({ session, doc, onNodeParams }: DataFilesProps) {
  const [stored, setStored] = useState<readonly StoredDataset[]>([]);
  const [progress, setProgress] = useState<{ name: string; loaded: number; total: number }>();
  const [message, setMessage] = useState<{ kind: 'error' | 'note'; text: string }>();
  const nodes = dataNodes(doc);
  const refresh = useCallback(() => {
    session.listDatasets().then((list) => {
      setStored(list);
      dataBridge.setKept(list.map((d) => d.sha256));
    }, (e: unknown) => {
      setMessage({ kind: 'error', text: `the kept datasets could not be listed: ${errorMessage(e)}` });
    });
  }, [session]);
  useEffect(() => {
    if (nodes.length > 0) refresh();
  }, [nodes.length, refresh]);
  const pick = (node: DataNode, picked: PickedData): void => {
    setMessage(undefined);
    setProgress({ name: pickedName(picked), loaded: 0, total: 1 });
    readPicked(session, node, picked, (name, loaded, total) => {
      setProgress({ name, loaded, total });
    })
      .then(({ params, notes }) => {
        onNodeParams?.(node.id, params);
        setMessage(notes.length > 0 ? { kind: 'note', text: notes.join(' ') } : undefined);
        refresh();
      })
      .catch((e: unknown) => {
        setMessage({ kind: 'error', text: `${errorMessage(e)} (node "${node.id}" keeps “${node.dataset}”)` });
      })
      .finally(() => {
        setProgress(undefined);
      });
  };
  // Picks made on a canvas node's missing-data badge (editor/canvas/NodeDataBadge.tsx).
  // Re-subscribed after every render, so it always sees this render's nodes.
  useEffect(() => {
    const takeAll = (): void => {
      for (const { nodeId, picked } of dataBridge.take()) {
        const node = nodes.find((n) => n.id === nodeId);
        if (node) pick(node, picked);
      }
    };
    takeAll();
    return dataBridge.subscribe(takeAll);
  });
  if (nodes.length === 0) return null;
  return (
    <section className="nw-data" aria-label="Data" data-testid="data-files">
      <h3 className="nw-run-heading">Data</h3>
      <ul className="nw-data-list">
        {nodes.map((n) => (
          <DataRow key={n.id} node={n} stored={stored} onPick={pick} onRefused={(text) => { setMessage({ kind: 'error', text }); }} />
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
