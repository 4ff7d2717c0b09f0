/**
 * The `--browser` mode of bench/models.bench.ts: the same graphs measured on webgpu and webgl in
 * headless Chromium, in a Web Worker of the fixture page (test/browser/benchRuns.ts), with the
 * run harness of the e2e tests (Vite dev server, Chromium with WebGPU and WebGL). Here that is
 * SwiftShader, a software rasteriser, and each table says which adapter or renderer it ran on;
 * on a machine with a real GPU the same command measures it.
 */
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import type { BrowserBenchRow, FixturePageApi } from '../test/backends/types.ts';
import { launchBrowser, startDevServer } from '../test/e2e/runSupport.ts';
import type { StepWindow } from './trainProbe.ts';

/** A graph to measure, or why it could not be compiled. */
export type BrowserBenchInput = { readonly name: string; readonly plan: ExecutionPlan } | { readonly name: string; readonly error: string };

const BACKENDS = ['webgpu', 'webgl'] as const;

function line(name: string, r: BrowserBenchRow): string {
  if (r.error !== undefined) return `| ${name} | failed: ${r.error.split('\n')[0]} |  |  |  |  |  |  |  |`;
  const f = (v: number | undefined, digits: number): string => (v === undefined || !Number.isFinite(v) ? '' : v.toFixed(digits));
  return `| ${[name, f((r.warmupMs ?? Number.NaN) / 1000, 1), f(r.msPerStep, 1), f(1000 / (r.msPerStep ?? Number.NaN), 1), f(r.kernelsPerStep, 0), f(r.readbacksPerStep, 2), f(r.deviceReadsPerStep, 2), f((r.peakBytes ?? Number.NaN) / 2 ** 20, 2), String(r.leaked ?? '')].join(' | ')} |`;
}

interface AdapterInfoHost {
  readonly gpu?: { requestAdapter(): Promise<{ readonly info?: Record<string, string> } | null> };
}

/** The WebGPU adapter and the WebGL renderer, as the page sees them (runs in the page). */
async function describeGpu(): Promise<string> {
  const gl = document.createElement('canvas').getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'none';
  const adapter = await (navigator as unknown as AdapterInfoHost).gpu?.requestAdapter();
  const info = adapter?.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter((v) => v).join(' ');
  return `WebGPU adapter: ${name || (adapter ? 'unnamed' : 'none')}; WebGL renderer: ${renderer}`;
}

/** Measures every graph on webgpu and webgl in headless Chromium and prints one table per backend. */
export async function runBrowserBench(graphs: readonly BrowserBenchInput[], stepWindow: StepWindow): Promise<void> {
  const server = await startDevServer();
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    await page.goto(`${server.url}/test/browser/fixtures.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 180_000 });
    console.log(`GPU of this browser: ${await page.evaluate(describeGpu)}`);
    for (const backend of BACKENDS) {
      const rows: string[] = [];
      let reason = '';
      for (const g of graphs) {
        if ('error' in g) {
          rows.push(`| ${g.name} | failed: ${g.error} |  |  |  |  |  |  |  |`);
          continue;
        }
        const r = await page.evaluate(
          ([b, p, w, s]) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.bench(b, p, w, s),
          [backend, JSON.stringify(g.plan), stepWindow.warmup, stepWindow.steps] as const,
        );
        reason ||= r.reason;
        rows.push(line(g.name, r));
      }
      console.log(`\n### ${backend} in headless Chromium: ${reason}\n`);
      console.log(`| graph | warm-up s (${stepWindow.warmup} steps) | ms/step | steps/s | kernels/step | readbacks/step | ${backend === 'webgpu' ? 'buffer maps' : 'GL reads'}/step | peak MiB | tensors left |`);
      console.log('|---|---|---|---|---|---|---|---|---|');
      for (const r of rows) console.log(r);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
