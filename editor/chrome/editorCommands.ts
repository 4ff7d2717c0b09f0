/**
 * Commands shared by the toolbar and the keyboard: each takes the editor services and does one
 * thing, reporting problems as notices.
 */
import { emptyGraph } from '../../runtime/graph/types.ts';
import { computeLayout } from '../canvas/autoLayout.ts';
import { insertionPoint } from '../canvas/canvasBridge.ts';
import type { EditorServices } from '../hooks/EditorContext.ts';
import { fragmentText } from '../model/fragment.ts';
import { deleteSelection, moveNodes, pasteText } from '../model/graphActions.ts';
import { newGraphId } from '../model/graphDatabase.ts';
import { shareUrl } from '../model/shareLink.ts';
import { serializeGraphText } from '../model/graphText.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Text of the selection for the clipboard, or undefined when nothing is selected. */
export function selectionText(services: EditorServices): string | undefined {
  const { store } = services;
  const { view: doc, selection } = store.getState();
  if (selection.nodes.length === 0) return undefined;
  return fragmentText(doc, selection.nodes, store.registry);
}

/** Pastes clipboard text at the cursor. */
export function pasteAtCursor(services: EditorServices, text: string): void {
  pasteText(services.store, text, services.bridge.pointer ?? insertionPoint(services.bridge));
}

/** Copies the selection through the async clipboard API (toolbar); keyboard copy uses the copy event. */
export async function copyWithClipboardApi(services: EditorServices): Promise<void> {
  const text = selectionText(services);
  if (text === undefined) return;
  try {
    await navigator.clipboard.writeText(text);
    services.store.notify('info', `Copied ${services.store.getState().selection.nodes.length} node(s)`);
  } catch (e) {
    services.store.notify('error', `Could not copy: ${errorMessage(e)}`);
  }
}

/** Pastes through the async clipboard API (toolbar). */
export async function pasteWithClipboardApi(services: EditorServices): Promise<void> {
  try {
    pasteAtCursor(services, await navigator.clipboard.readText());
  } catch (e) {
    services.store.notify('error', `Could not read the clipboard: ${errorMessage(e)}`);
  }
}

/** Cuts the selection: copy text, then delete. */
export function cutSelection(services: EditorServices): string | undefined {
  const text = selectionText(services);
  if (text !== undefined) deleteSelection(services.store);
  return text;
}

/** Lays the graph out left to right as one undo step, then fits the view. */
export async function autoLayout(services: EditorServices): Promise<void> {
  const { store, bridge } = services;
  const doc = store.getState().view;
  if (Object.keys(doc.nodes).length === 0) return;
  try {
    const positions = await computeLayout(doc, (id) => bridge.api?.nodeSize(id));
    if (store.getState().view.nodes !== doc.nodes) return; // the graph changed meanwhile: drop the stale layout
    moveNodes(store, positions, false);
    requestAnimationFrame(() => bridge.api?.fitView());
  } catch (e) {
    store.notify('error', `Auto-layout failed: ${errorMessage(e)}`);
  }
}

/** Copies a share link of the open graph to the clipboard (and shows it). */
export async function shareLink(services: EditorServices): Promise<string> {
  const { store } = services;
  const url = shareUrl(location.href, serializeGraphText(store.getState().doc, store.registry));
  try {
    await navigator.clipboard.writeText(url);
    store.notify('info', `Share link copied to the clipboard (${url.length} characters)`);
  } catch {
    store.notify('info', `Share link: ${url}`);
  }
  return url;
}

/** Starts a new empty graph (the open one stays in the library). */
export async function newGraph(services: EditorServices): Promise<void> {
  await services.autosave?.flush();
  services.store.load(emptyGraph({ title: 'Untitled graph' }), newGraphId());
}

/** Selects every node. */
export function selectAll(services: EditorServices): void {
  const { store } = services;
  store.select({ nodes: Object.keys(store.getState().view.nodes), edges: Object.keys(store.getState().view.edges) });
}
