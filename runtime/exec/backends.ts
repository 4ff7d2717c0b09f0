/**
 * Backend choice. Rules (see README.md): in Node, wasm then cpu. In a browser, WebGPU only on a
 * real (hardware) adapter, because a software adapter (SwiftShader) is ~100x slower than wasm;
 * then wasm, webgl, cpu. A forced backend that fails falls back, and the reason says so.
 */
import { installGpuKernelFixes } from './gpuKernels.ts';
import { tf } from './tf.ts';
import { errorMessage } from '../sdk/errors.ts';

/** Backend names a user may ask for; `auto` applies the rules above. */
export type BackendPreference = 'auto' | 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** A concrete tfjs backend. */
export type BackendName = Exclude<BackendPreference, 'auto'>;

/** What a WebGPU adapter says about itself (a subset of `GPUAdapterInfo`). */
export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
}

/** The chosen backend and a sentence saying why, for the UI and the CLI. */
export interface BackendChoice {
  readonly name: BackendName;
  readonly reason: string;
  readonly adapterInfo?: AdapterInfo;
}

/**
 * What backend selection needs from its surroundings. Injected so that the browser rules can
 * be tested in Node; {@link defaultBackendHost} is the real one.
 */
export interface BackendHost {
  /** True in a browser page or worker, false in Node. */
  readonly isBrowser: boolean;
  /** Resolves the WebGPU adapter info, or `undefined` when there is no adapter. */
  requestAdapter(): Promise<AdapterInfo | undefined>;
  /** Registers the WebGPU backend (a dynamic import, so Node never loads it). */
  loadWebgpu(): Promise<void>;
  /** Activates a backend; false (or a throw) when it cannot start. */
  setBackend(name: BackendName): Promise<boolean>;
  /** The WebGL renderer's name (unmasked where the browser allows), or `undefined` without WebGL. */
  webglRenderer?(): Promise<string | undefined>;
}

interface GpuAdapterLike {
  readonly info?: Partial<AdapterInfo>;
  readonly isFallbackAdapter?: boolean;
}
interface WebglLike {
  readonly RENDERER: number;
  getParameter(name: number): unknown;
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL?: number; loseContext?(): void } | null;
}
interface GlobalsLike {
  readonly OffscreenCanvas?: new (width: number, height: number) => { getContext(kind: 'webgl2'): WebglLike | null };
  readonly navigator?: { readonly gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } };
  readonly process?: { readonly versions?: { readonly node?: string } };
  readonly window?: unknown;
  readonly importScripts?: unknown;
}

function adapterInfoOf(adapter: GpuAdapterLike): AdapterInfo {
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    // Newer browsers put the flag on `info`; older ones on the adapter itself.
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
  };
}

/** The host this code runs in: real `navigator.gpu`, real `tf.setBackend`. */
export function defaultBackendHost(): BackendHost {
  const g = globalThis as GlobalsLike;
  const isNode = typeof g.process?.versions?.node === 'string' && g.window === undefined;
  return {
    isBrowser: !isNode && (g.window !== undefined || g.importScripts !== undefined),
    async requestAdapter() {
      const gpu = g.navigator?.gpu;
      if (!gpu) return undefined;
      const adapter = await gpu.requestAdapter();
      return adapter ? adapterInfoOf(adapter) : undefined;
    },
    async loadWebgpu() {
      await import('@tensorflow/tfjs-backend-webgpu');
      installGpuKernelFixes();
    },
    async setBackend(name) {
      const ok = await tf.setBackend(name);
      if (ok) await tf.ready();
      return ok;
    },
    webglRenderer() {
      // A throwaway context of our own: starting tfjs's WebGL backend costs far more.
      const gl = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1).getContext('webgl2') : null;
      if (!gl) return Promise.resolve(undefined);
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl.getParameter(info?.UNMASKED_RENDERER_WEBGL ?? gl.RENDERER);
      gl.getExtension('WEBGL_lose_context')?.loseContext?.();
      return Promise.resolve(typeof renderer === 'string' ? renderer : '');
    },
  };
}

/** The software rasteriser a GPU description names (SwiftShader, lavapipe/llvmpipe, WARP), if any. */
export function softwareRendererName(description: string): string | undefined {
  const text = description.toLowerCase();
  if (text.includes('swiftshader')) return 'SwiftShader';
  if (text.includes('llvmpipe') || text.includes('lavapipe')) return 'lavapipe';
  if (text.includes('warp') || text.includes('microsoft basic render')) return 'WARP';
  return undefined;
}

/** Whether an adapter is a software rasteriser, and its name for messages (`undefined`: hardware). */
export function softwareAdapterName(info: AdapterInfo): string | undefined {
  const named = softwareRendererName(`${info.vendor} ${info.architecture} ${info.device} ${info.description}`);
  return named ?? (info.isFallbackAdapter ? 'fallback' : undefined);
}

function describeAdapter(info: AdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device || info.description].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}

async function trySet(host: BackendHost, name: BackendName): Promise<string | undefined> {
  try {
    return (await host.setBackend(name)) ? undefined : `${name} did not start`;
  } catch (e) {
    return `${name} failed to start (${errorMessage(e)})`;
  }
}

/** Tries WebGPU: returns the choice, or why it was passed over. */
async function tryWebgpu(host: BackendHost, forced: boolean): Promise<BackendChoice | string> {
  if (!host.isBrowser) return 'WebGPU is only used in browsers';
  let info: AdapterInfo | undefined;
  try {
    info = await host.requestAdapter();
  } catch (e) {
    return `no WebGPU adapter (${errorMessage(e)})`;
  }
  if (!info) return 'no WebGPU adapter';
  const software = softwareAdapterName(info);
  if (software && !forced) return `software WebGPU adapter (${software}): wasm is faster`;
  try {
    await host.loadWebgpu();
  } catch (e) {
    return `the WebGPU backend did not load (${errorMessage(e)})`;
  }
  const failed = await trySet(host, 'webgpu');
  if (failed) return failed;
  const reason = software
    ? `WebGPU forced on a software adapter (${software}); expect it to be slower than wasm`
    : `hardware WebGPU adapter (${describeAdapter(info)})`;
  return { name: 'webgpu', reason, adapterInfo: info };
}

/**
 * Activates one backend, as a forced choice does but without falling back (calibration times
 * each backend in turn): the choice, or why the backend cannot be used.
 */
export async function startBackend(name: BackendName, host: BackendHost = defaultBackendHost()): Promise<BackendChoice | string> {
  if (name === 'webgpu') return tryWebgpu(host, true);
  const failed = await trySet(host, name);
  return failed ?? { name, reason: `${name} was started` };
}

const REASONS: Record<Exclude<BackendName, 'webgpu'>, string> = {
  wasm: 'wasm (SIMD) is the fastest backend available here',
  webgl: 'WebGL is the best backend available here',
  cpu: 'cpu is the only backend that started',
};

/**
 * Chooses and activates a tfjs backend.
 * @param preference - `auto` applies the rules; a named backend is tried first and, when it
 *   fails, the rules choose another, with the reason saying what failed.
 */
export async function selectBackend(
  preference: BackendPreference = 'auto',
  host: BackendHost = defaultBackendHost(),
): Promise<BackendChoice> {
  const notes: string[] = [];
  if (preference === 'webgpu') {
    const r = await tryWebgpu(host, true);
    if (typeof r !== 'string') return r;
    notes.push(`webgpu was requested but ${r}`);
  } else if (preference !== 'auto') {
    const failed = await trySet(host, preference);
    if (!failed) return { name: preference, reason: `${preference} was requested` };
    notes.push(`${preference} was requested but ${failed}`);
  }
  const order: Exclude<BackendName, 'webgpu'>[] = host.isBrowser ? ['wasm', 'webgl', 'cpu'] : ['wasm', 'cpu'];
  if (host.isBrowser && preference !== 'webgpu') {
    const r = await tryWebgpu(host, false);
    if (typeof r !== 'string') return notes.length > 0 ? { ...r, reason: `${notes.join('; ')}; ${r.reason}` } : r;
    notes.push(r);
  }
  for (const name of order) {
    if (name === preference) continue;
    const failed = await trySet(host, name);
    if (!failed) return { name, reason: [...notes, REASONS[name]].join('; ') };
    notes.push(failed);
  }
  throw new Error(`no tfjs backend could start: ${notes.join('; ')}`);
}

/** Backends registered with tfjs in this process (webgpu only after it was loaded). */
export function registeredBackends(): string[] {
  const registry = (tf.engine() as unknown as { registryFactory: Record<string, unknown> }).registryFactory;
  return Object.keys(registry);
}
