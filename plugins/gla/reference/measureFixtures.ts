/**
 * Prints, per fixture and form, the largest error ratio (error / tolerance) and the largest
 * absolute errors of y and of the gradients: the numbers quoted in the plugin READMEs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseFixture, runFixture } from '../../../runtime/exec/fixtures/index.ts';
import type { AnyPluginLowering } from '../../../runtime/lower/lowering.ts';
import { tf } from '../../../runtime/exec/tf.ts';
import type { AnyPluginSpec, ParamValue } from '../../../runtime/sdk/index.ts';

/** Runs every fixture in `dirs` for every form on `backends` and prints a table. */
export async function measureFixtures(
  plugin: { spec: AnyPluginSpec; lowering: AnyPluginLowering },
  dirs: readonly URL[],
  forms: readonly Record<string, ParamValue>[],
  backends: readonly string[] = ['wasm', 'cpu'],
): Promise<void> {
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).sort().map((f) => new URL(f, d)));
  const fixtures = files.map((f) => parseFixture(readFileSync(f, 'utf8')));
  console.log('| backend | form | fixture | ok | max abs err y | max abs err grads | worst err/tol |');
  console.log('|---|---|---|---|---|---|---|');
  for (const backend of backends) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const form of forms) {
      for (const fx of fixtures) {
        const r = await runFixture(fx, plugin, { paramOverrides: form });
        const y = r.checks.filter((c) => c.path.startsWith('outputs.')).reduce((m, c) => Math.max(m, c.maxAbsError), 0);
        const g = r.checks.filter((c) => c.path.startsWith('grads.')).reduce((m, c) => Math.max(m, c.maxAbsError), 0);
        const ratio = r.checks.reduce((m, c) => Math.max(m, c.worstRatio), 0);
        const f = Object.entries(form).map(([k, v]) => `${k}=${String(v)}`).join(' ');
        console.log(`| ${backend} | ${f} | ${fx.name} | ${r.ok ? 'yes' : `NO ${r.error ?? ''}`} | ${y.toExponential(1)} | ${g.toExponential(1)} | ${ratio.toFixed(3)} |`);
      }
    }
  }
}
