/**
 * Tells the other open tabs of this editor when a graph was saved (BroadcastChannel, same
 * origin only), so a tab holding an older revision knows at once, before it tries to save.
 */

/** What a tab announces after each save. */
export interface SavedMessage {
  readonly graphId: string;
  readonly revision: number;
  /** The sending tab, so a tab ignores its own messages. */
  readonly tab: string;
}

/** A channel between tabs; a no-op where BroadcastChannel is missing. */
export interface SaveChannel {
  readonly tab: string;
  announce(graphId: string, revision: number): void;
  close(): void;
}

/** Name of the channel every tab of the editor joins. */
export const SAVE_CHANNEL_NAME = 'netwright-saves';

function isSavedMessage(v: unknown): v is SavedMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.graphId === 'string' && typeof m.revision === 'number' && typeof m.tab === 'string';
}

/** Joins the channel; `onSaved` hears the saves of other tabs. */
export function openSaveChannel(onSaved: (message: SavedMessage) => void): SaveChannel {
  const tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  if (typeof BroadcastChannel === 'undefined')
    return { tab, announce: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(SAVE_CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isSavedMessage(event.data) && event.data.tab !== tab) onSaved(event.data);
  };
  return {
    tab,
    announce: (graphId, revision) => {
      channel.postMessage({ graphId, revision, tab } satisfies SavedMessage);
    },
    close: () => {
      channel.close();
    },
  };
}
