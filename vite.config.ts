// The editor app. Workers are ES modules (the training worker imports tfjs as ESM). For the
// tfjs wasm backend (docs/architecture.md, backends): import the .wasm files with `?url`, pass them to
// setWasmPaths, and keep WASM_HAS_MULTITHREAD_SUPPORT false (the threaded build breaks when
// minified); that code lives in the worker, never in editor/.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pluginBundleServer } from './cli/devPluginBundles.ts';

/**
 * Dependencies pre-bundled up front: the wasm backend's ESM imports a CommonJS worker file that
 * only works once converted (excluding it breaks the worker), and deps discovered late, inside
 * the worker, would force a page reload. The run-panel e2e dev server pre-bundles these too.
 */
export const PREBUNDLED_DEPS = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-cpu',
  'comlink',
  'idb',
];

export default defineConfig({
  // The dev server bundles TypeScript plugin modules for install and develop mode (cli/devPluginBundles.ts).
  plugins: [react(), pluginBundleServer(fileURLToPath(new URL('.', import.meta.url)))],
  worker: { format: 'es' },
  server: { port: 5173 },
  build: { target: 'es2022', sourcemap: true },
  optimizeDeps: { include: PREBUNDLED_DEPS },
});
