/**
 * The one place that loads TensorFlow.js: the umbrella package (core, every op's gradient,
 * cpu and webgl backends) plus the wasm backend. WebGPU is loaded by `backends.ts` on demand
 * in browsers. Code that runs ops imports `tf` from here, so gradients are always registered
 * (importing '@tensorflow/tfjs-core' alone leaves them out).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installGpuKernelFixes } from './gpuKernels.ts';
import { installWasmMatMulKernels } from './wasmMatMul.ts';
import { installWasmSliceKernels } from './wasmSlice.ts';
import { installWasmGatedRecurrence } from './wasmGatedRecurrence.ts';
import { installLeanTape } from './leanTape.ts';

// The cpu backend greets Node users with an "install tfjs-node" banner on first use; that
// package cannot be installed here (docs/adr/0002), so the banner is only noise in CLI output.
const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
if (cpu) cpu.firstUse = false;

installWasmSliceKernels();
installWasmMatMulKernels();
installWasmGatedRecurrence();
installGpuKernelFixes();
installLeanTape();

export { tf };
