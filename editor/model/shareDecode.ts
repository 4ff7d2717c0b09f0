/**
 * Share links are decoded off the main thread: inflating the payload and checking the graph
 * text against the loader's work budgets run in a short-lived worker, so even a hostile link
 * (a few thousand characters that inflate to millions of values) cannot freeze the page at
 * boot. Only text within the budgets comes back to be loaded.
 */
import { parseGraphText } from '../../runtime/file/budgets.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import { decodeSharePayload, ShareLinkError } from './shareLink.ts';

/** A decoded link: graph text within the budgets, or why not. */
export type ShareDecoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Inflates a payload and checks its text against the graph budgets (runs in the worker). */
export function decodeAndCheck(payload: string): ShareDecoded {
  let text: string;
  try {
    text = decodeSharePayload(payload);
  } catch (e) {
    return { ok: false, message: e instanceof ShareLinkError ? e.message : errorMessage(e) };
  }
  const parsed = parseGraphText(text);
  return parsed.ok ? { ok: true, text } : { ok: false, message: parsed.error.message };
}

/** Decodes a share payload in a worker (in this thread where there are no workers: Node tests). */
export function decodeShareOffThread(payload: string): Promise<ShareDecoded> {
  if (typeof Worker === 'undefined') return Promise.resolve(decodeAndCheck(payload));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./shareDecode.worker.ts', import.meta.url), { type: 'module', name: 'netwright-share' });
    worker.onmessage = (event: MessageEvent<ShareDecoded>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ ok: false, message: `the link could not be read (${event.message})` });
    };
    worker.postMessage(payload);
  });
}
