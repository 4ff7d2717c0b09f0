/**
 * A test-only engine worker: the real engine API (engine.ts) plus `loseDevice`, which destroys
 * the WebGPU device as a driver reset would. The run-panel harness page (editor/run/harness.tsx)
 * starts this entry instead of engine.worker.ts, so the e2e tests can lose the device; the app
 * never references it, and test/e2e/productionBundle.test.ts checks that nothing of it is built.
 */
import * as Comlink from 'comlink';
import { tf } from '../../runtime/exec/tf.ts';
import { engineWorkerApi } from '../engine.ts';
import { deviceOf } from '../gpu.ts';
import { useBundledWasmFiles } from '../wasmFiles.ts';

/** What this entry adds to the engine API. */
export interface DeviceLossControl {
  /** Destroys the WebGPU device and waits for the loss to be reported; false off WebGPU. */
  loseDevice(): Promise<boolean>;
}

const control: DeviceLossControl = {
  async loseDevice() {
    const device = deviceOf(tf.backend());
    if (!device) return false;
    device.destroy();
    await device.lost;
    return true;
  },
};

useBundledWasmFiles();
Comlink.expose({ ...engineWorkerApi, ...control });
