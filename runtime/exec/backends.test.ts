import { describe, expect, it } from 'vitest';
import { selectBackend, type AdapterInfo, type BackendHost, type BackendName } from './backends.ts';
import { tf } from './tf.ts';

/** A scripted host: which backends start, what adapter there is, what was tried. */
function fakeHost(o: { browser: boolean; adapter?: Partial<AdapterInfo>; working: BackendName[] }) {
  const tried: string[] = [];
  const host: BackendHost = {
    isBrowser: o.browser,
    requestAdapter: () =>
      Promise.resolve(
        o.adapter ? { vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false, ...o.adapter } : undefined,
      ),
    loadWebgpu: () => {
      tried.push('load-webgpu');
      return Promise.resolve();
    },
    setBackend: (name) => {
      tried.push(name);
      return Promise.resolve(o.working.includes(name));
    },
  };
  return { host, tried };
}

describe('selectBackend in Node', () => {
  it('chooses wasm for auto and honours a forced cpu', async () => {
    expect((await selectBackend('auto')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const cpu = await selectBackend('cpu');
    expect(cpu).toEqual({ name: 'cpu', reason: 'cpu was requested' });
    expect(tf.getBackend()).toBe('cpu');
    await selectBackend('wasm');
  });

  it('falls back from webgpu and says why', async () => {
    const r = await selectBackend('webgpu');
    expect(r.name).toBe('wasm');
    expect(r.reason).toMatch(/^webgpu was requested but WebGPU is only used in browsers; wasm/);
  });
});

describe('selectBackend rules (scripted browser)', () => {
  it('passes over a software adapter for wasm, saying so', async () => {
    const { host, tried } = fakeHost({ browser: true, adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }, working: ['webgpu', 'wasm', 'cpu'] });
    const r = await selectBackend('auto', host);
    expect(r).toEqual({ name: 'wasm', reason: 'software WebGPU adapter (SwiftShader): wasm is faster; wasm (SIMD) is the fastest backend available here' });
    expect(tried).toEqual(['wasm']);
  });

  it('uses WebGPU on a hardware adapter and reports the adapter', async () => {
    const { host, tried } = fakeHost({ browser: true, adapter: { vendor: 'nvidia', architecture: 'ampere' }, working: ['webgpu', 'wasm'] });
    const r = await selectBackend('auto', host);
    expect(r.name).toBe('webgpu');
    expect(r.reason).toBe('hardware WebGPU adapter (nvidia ampere)');
    expect(r.adapterInfo?.vendor).toBe('nvidia');
    expect(tried).toEqual(['load-webgpu', 'webgpu']);
  });

  it('treats a fallback adapter without a known name as software', async () => {
    const { host } = fakeHost({ browser: true, adapter: { isFallbackAdapter: true }, working: ['wasm'] });
    expect((await selectBackend('auto', host)).reason).toMatch(/^software WebGPU adapter \(fallback\)/);
  });

  it('goes wasm -> webgl -> cpu when backends fail, naming each failure', async () => {
    const { host, tried } = fakeHost({ browser: true, working: ['cpu'] });
    const r = await selectBackend('auto', host);
    expect(r.name).toBe('cpu');
    expect(r.reason).toBe('no WebGPU adapter; wasm did not start; webgl did not start; cpu is the only backend that started');
    expect(tried).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('a forced backend that fails falls back with the reason saying so', async () => {
    const { host } = fakeHost({ browser: true, working: ['wasm'] });
    const r = await selectBackend('webgl', host);
    expect(r.name).toBe('wasm');
    expect(r.reason).toMatch(/^webgl was requested but webgl did not start; no WebGPU adapter; wasm/);
    const forced = fakeHost({ browser: true, adapter: { architecture: 'swiftshader' }, working: ['webgpu'] });
    const w = await selectBackend('webgpu', forced.host);
    expect(w.name).toBe('webgpu');
    expect(w.reason).toMatch(/forced on a software adapter \(SwiftShader\)/);
  });

  it('throws when nothing starts', async () => {
    const { host } = fakeHost({ browser: false, working: [] });
    await expect(selectBackend('auto', host)).rejects.toThrow(/no tfjs backend could start: wasm did not start; cpu did not start/);
  });
});
