/**
 * A test-only engine worker: the real engine API (engine.ts) plus two test seams. `loseDevice`
 * destroys the WebGPU device as a driver reset would; `slowBackend` makes one backend slow, as
 * a slow device would, so the e2e tests can check that Auto's calibration picks another. The
 * run-panel harness page (editor/run/harness.tsx) starts this entry instead of
 * engine.worker.ts; the app never references it, and test/e2e/productionBundle.test.ts checks
 * that nothing of it is built.
 */
import * as Comlink from 'comlink';
import { tf } from '../../runtime/exec/tf.ts';
import { engineWorkerApi } from '../engine.ts';
import { deviceOf } from '../gpu.ts';
import { useBundledWasmFiles } from '../wasmFiles.ts';

/** What this entry adds to the engine API. */
export interface TestEngineControl {
  /** Destroys the WebGPU device and waits for the loss to be reported; false off WebGPU. */
  loseDevice(): Promise<boolean>;
  /**
   * Makes every kernel of `backend` busy-wait `ms` before it runs (its registrations are
   * replaced by wrappers through tfjs's kernel registry). Returns how many kernels were wrapped.
   */
  slowBackend(backend: string, ms: number): number;
}

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: a slow kernel holds the thread, as a real one does.
  }
}

const control: TestEngineControl = {
  async loseDevice() {
    const device = deviceOf(tf.backend());
    if (!device) return false;
    device.destroy();
    await device.lost;
    return true;
  },
  slowBackend(backend, ms) {
    const kernels = tf.getKernelsForBackend(backend);
    for (const k of kernels) {
      const run = k.kernelFunc;
      tf.unregisterKernel(k.kernelName, backend);
      tf.registerKernel({
        ...k,
        kernelFunc: (args) => {
          spin(ms);
          return run(args);
        },
      });
    }
    return kernels.length;
  },
};

useBundledWasmFiles();
Comlink.expose({ ...engineWorkerApi, ...control });
