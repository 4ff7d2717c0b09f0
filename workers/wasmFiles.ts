/**
 * Points the tfjs wasm backend at the .wasm files Vite serves, in a worker or a page. The
 * threaded build breaks when bundled, so it is never chosen (its URL is mapped only so that
 * nothing falls back to a wrong relative path). Call before the wasm backend starts.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf } from '../runtime/exec/tf.ts';

/** Sets the wasm file URLs and turns the threaded build off. */
export function useBundledWasmFiles(): void {
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
