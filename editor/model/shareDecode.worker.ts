/** The share-link worker: one payload in, one {@link ShareDecoded} out (see `shareDecode.ts`). */
import { decodeAndCheck, type ShareDecoded } from './shareDecode.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: ShareDecoded): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  scope.postMessage(typeof event.data === 'string' ? decodeAndCheck(event.data) : { ok: false, message: 'no link was given' });
};
