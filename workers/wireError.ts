/**
 * Turns whatever a call threw into a {@link WireError}: the code and the node, port and step it
 * names survive the worker boundary (comlink would keep only the message).
 */
import type { WireError } from './engineApi.ts';

interface CodedLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly target?: { readonly node?: unknown; readonly port?: unknown };
}

/**
 * @param e - the thrown value.
 * @param step - the training step in progress when it was thrown, if any.
 */
export function toWireError(e: unknown, step?: number): WireError {
  const c = (typeof e === 'object' && e !== null ? e : {}) as CodedLike;
  const message = typeof c.message === 'string' ? c.message : String(e);
  const code = typeof c.code === 'string' ? c.code : 'ENGINE_INTERNAL';
  const node = typeof c.target?.node === 'string' ? c.target.node : undefined;
  const port = typeof c.target?.port === 'string' ? c.target.port : undefined;
  // A step only means something for errors raised by the training loop itself.
  const stepMatch = /\bat step (\d+)/.exec(message);
  const at = stepMatch ? Number(stepMatch[1]) : step;
  return {
    code,
    message,
    ...(node !== undefined ? { node } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(at !== undefined ? { step: at } : {}),
  };
}
