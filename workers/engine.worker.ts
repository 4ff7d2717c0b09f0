/**
 * The engine worker's entry (a module worker; the page starts it in editor/run/engineClient.ts):
 * the wasm file URLs, then the engine API of engine.ts exposed through comlink.
 */
import * as Comlink from 'comlink';
import { engineWorkerApi } from './engine.ts';
import { useBundledWasmFiles } from './wasmFiles.ts';

useBundledWasmFiles();
Comlink.expose(engineWorkerApi);
