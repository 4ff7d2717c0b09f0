/**
 * The run panel on the GPU backends in headless Chromium (WebGPU and WebGL on SwiftShader, so
 * runs are kept tiny): forced WebGPU trains after a shader warm-up, GPU memory returns to its
 * baseline after a stop, a lost WebGPU device fails the run and falls back to another backend
 * with a notice, and WebGL trains too. Prints the throughput of each backend.
 */
import { describe, expect, it } from 'vitest';
import { chooseBackend, settledEngineMemory, openHarness, panelState, waitForState, type HarnessWindow, useRunHarness } from './runSupport.ts';

const harness = useRunHarness();

describe('run panel on GPU backends', () => {
  it('trains on forced WebGPU (SwiftShader) after a shader warm-up, and says why', async () => {
    const { page } = harness.browser;
    await openHarness(page, harness.server.url);
    const ready = await chooseBackend(page, 'webgpu');
    expect(ready.backend, JSON.stringify(ready)).toBe('webgpu');
    expect(ready.backendReason).toMatch(/forced on a software adapter \(SwiftShader\)/);
    await page.getByTestId('run-steps').fill('8');
    await page.getByTestId('run-start').click();
    const done = await waitForState(page, (s) => s.phase === 'done', 'webgpu run', 300_000);
    expect(done.step).toBe(8);
    expect(done.warmUpMs).toBeGreaterThan(0);
    expect(Number.isFinite(done.lastLoss)).toBe(true);
    expect(done.runs[0]!.backend).toBe('webgpu');
    console.log(`[run e2e] webgpu (SwiftShader): ${done.stepsPerSecond.toFixed(2)} steps/s after a ${(done.warmUpMs! / 1000).toFixed(1)} s warm-up (two-spirals MLP, batch 64)`);
  });

  it('returns tensors and GPU buffers to their baseline after a stop', async () => {
    const { page } = harness.browser;
    const baseline = await settledEngineMemory(harness.browser.page);
    await page.getByTestId('run-steps').fill('500');
    await page.getByTestId('run-start').click();
    await waitForState(page, (s) => s.phase === 'running' && s.step >= 3, 'webgpu running', 300_000);
    await page.getByTestId('run-stop').click();
    await waitForState(page, (s) => s.phase === 'stopped', 'webgpu stopped', 300_000);
    const after = await settledEngineMemory(harness.browser.page);
    console.log(`[run e2e] webgpu memory baseline ${JSON.stringify(baseline)} after stop ${JSON.stringify(after)}`);
    expect(after.numTensors).toBe(baseline.numTensors);
    expect(after.numBytes).toBe(baseline.numBytes);
    expect(after.numBytesInGPU).toBe(baseline.numBytesInGPU);
  });

  it('falls back from a lost WebGPU device, failing the run and telling the user', async () => {
    const { page } = harness.browser;
    await page.getByTestId('run-steps').fill('500');
    await page.getByTestId('run-start').click();
    await waitForState(page, (s) => s.phase === 'running' && s.step >= 2, 'webgpu running', 300_000);
    await page.evaluate(() => {
      // The harness runs the test-only worker entry, which can destroy its own WebGPU device.
      void (window as unknown as HarnessWindow).__nwRunHarness!.loseDevice().catch(() => undefined);
    });
    const failed = await waitForState(page, (s) => s.phase === 'failed', 'run failed by device loss', 60_000);
    expect(failed.fault?.code).toBe('GPU_DEVICE_LOST');
    expect(failed.fault?.message).toMatch(/WebGPU device was lost/);
    const fallback = await waitForState(page, (s) => s.engine === 'ready', 'engine back', 120_000);
    expect(fallback.backend).toBe('wasm');
    expect(fallback.notice).toMatch(/WebGPU device was lost.*Now on wasm/);
    await expect(page.getByTestId('run-notice').textContent()).resolves.toMatch(/Now on wasm/);
    expect(failed.runs[0]!.status).toBe('failed');
  });

  it('trains on WebGL', async () => {
    const { page } = harness.browser;
    const ready = await chooseBackend(page, 'webgl');
    expect(ready.backend, JSON.stringify(ready)).toBe('webgl');
    await page.getByTestId('run-steps').fill('40');
    await page.getByTestId('run-start').click();
    const done = await waitForState(page, (s) => s.phase === 'done', 'webgl run', 300_000);
    expect(done.step).toBe(40);
    expect(done.lastLoss!).toBeLessThan(1);
    console.log(`[run e2e] webgl (SwiftShader): ${done.stepsPerSecond.toFixed(1)} steps/s (two-spirals MLP, batch 64)`);
    expect((await panelState(page)).runs[0]!.backend).toBe('webgl');
  });
});
