import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineWorkerApi } from '../../workers/engineApi.ts';
import { NetwrightError } from '../../runtime/sdk/index.ts';
import { createEngineClient, type EngineClient } from './engineClient.ts';

/** A stand-in Worker: one end of a channel, with error events and terminate(). */
class FakeWorker extends EventTarget {
  terminated = false;
  constructor(readonly port: MessagePort) {
    super();
    port.start();
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.port.postMessage(message, transfer ?? []);
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.addEventListener('message', listener as never);
    else super.addEventListener(type, listener);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.removeEventListener('message', listener as never);
    else super.removeEventListener(type, listener);
  }
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}

type Stub = Partial<Record<keyof EngineWorkerApi, (...args: never[]) => unknown>>;

const clients: EngineClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

function start(stub: Stub, options: { heartbeatMs?: number; heartbeatTimeoutMs?: number; startupTimeoutMs?: number } = {}) {
  const channel = new MessageChannel();
  Comlink.expose({ ping: () => Date.now(), ...stub }, channel.port2);
  const worker = new FakeWorker(channel.port1);
  const crashes: string[] = [];
  const client = createEngineClient({ createWorker: () => worker as unknown as Worker, onCrash: (r) => crashes.push(r), ...options });
  clients.push(client);
  return { client, worker, crashes, channel };
}

const ok = <T,>(value: T) => ({ ok: true as const, value });

describe('engine client', () => {
  it('unwraps outcomes and turns failures back into NetwrightErrors naming the node and step', async () => {
    const { client } = start({
      init: () => ok({ name: 'wasm', reason: 'test' }),
      load: () => ({ ok: false, error: { code: 'ENGINE_NODE_FAILED', message: 'node "d1" (dense) failed: boom', node: 'd1', step: 3 } }),
    });
    await expect(client.init('auto')).resolves.toEqual({ name: 'wasm', reason: 'test' });
    const err = await client.load({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetwrightError);
    expect(err).toMatchObject({ code: 'ENGINE_NODE_FAILED', target: { node: 'd1' }, step: 3, message: 'node "d1" (dense) failed: boom' });
    expect((err as NetwrightError).toFailure()).toEqual({ code: 'ENGINE_NODE_FAILED', message: 'node "d1" (dense) failed: boom', node: 'd1', step: 3 });
  });

  it('declares a silent worker dead, rejects the pending call and terminates it', async () => {
    const { client, worker, crashes, channel } = start(
      { train: () => new Promise(() => undefined) },
      { heartbeatMs: 20, heartbeatTimeoutMs: 150, startupTimeoutMs: 150 },
    );
    await expect(client.memory().catch(() => 'no memory')).resolves.toBe('no memory');
    const pending = client.train({}, () => undefined);
    // The worker dies without a word: nothing answers any more.
    channel.port2.close();
    const err = await pending.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatch(/stopped answering|did not start/);
    expect(worker.terminated).toBe(true);
    expect(client.alive).toBe(false);
    await expect(client.memory()).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
  });

  it('treats an error event from the worker as a crash', async () => {
    const { client, worker, crashes } = start({ train: () => new Promise(() => undefined) });
    const pending = client.train({}, () => undefined);
    const event = new Event('error') as Event & { message: string };
    event.message = 'Uncaught RangeError: out of memory';
    worker.dispatchEvent(event);
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(crashes[0]).toMatch(/out of memory/);
  });

  it('gives the worker time to start before the first answer', async () => {
    const channel = new MessageChannel();
    const worker = new FakeWorker(channel.port1);
    const crashes: string[] = [];
    const client = createEngineClient({ createWorker: () => worker as unknown as Worker, onCrash: (r) => crashes.push(r), heartbeatMs: 20, heartbeatTimeoutMs: 50, startupTimeoutMs: 5000 });
    clients.push(client);
    const init = client.init('wasm');
    await new Promise((r) => setTimeout(r, 300));
    expect(crashes).toEqual([]);
    // The module finished loading late: it answers now.
    Comlink.expose({ ping: () => 1, init: () => ok({ name: 'wasm', reason: 'late' }) }, channel.port2);
    await expect(init).resolves.toMatchObject({ reason: 'late' });
  });
});
