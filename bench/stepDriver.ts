/**
 * Times training steps of one graph with the engine of a given source tree (a script run by
 * beforeAfter.bench.ts, one process per measurement): `--root DIR` (a checkout of any commit,
 * default this one), `--graph FILE` (relative to the root), `--warmup N`, `--steps N`. Trains
 * `warmup` steps, then `steps` more from those weights, and prints one JSON line with the mean
 * wall and CPU ms per measured step (start event to last step event). Uses only the API every
 * version of the engine has had: loadGraph, compileGraph, builtinRegistry, builtinLowerings,
 * Engine init/load/train with `continue`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { numberArg, stringArg } from './args.ts';

interface StepEvent {
  readonly event: string;
  readonly step?: number;
}
interface EngineLike {
  init(preference: string): Promise<{ name: string }>;
  load(plan: unknown, lowerings: unknown): unknown;
  train(options: Record<string, unknown>, onProgress?: (e: StepEvent) => void): Promise<unknown>;
  dispose(): void;
}

const root = resolve(stringArg('root', join(import.meta.dirname, '..')));
const graph = stringArg('graph', 'graphs/gla-associative-recall.graph.json');
const warmup = Math.max(1, numberArg('warmup', 3));
const steps = Math.max(1, numberArg('steps', 20));

const { loadGraph } = (await import(join(root, 'runtime/file/load.ts'))) as { loadGraph: (text: string, registry: unknown) => { ok: boolean; doc?: unknown; errors?: { message: string }[] } };
const { compileGraph } = (await import(join(root, 'runtime/compile/compile.ts'))) as { compileGraph: (doc: unknown, registry: unknown) => { ok: boolean; plan?: unknown } };
const { builtinRegistry } = (await import(join(root, 'plugins/index.ts'))) as { builtinRegistry: () => unknown };
const { builtinLowerings } = (await import(join(root, 'plugins/lowerings.ts'))) as { builtinLowerings: unknown };
const { Engine } = (await import(join(root, 'runtime/exec/engine.ts'))) as { Engine: new () => EngineLike };

const registry = builtinRegistry();
const loaded = loadGraph(await readFile(join(root, graph), 'utf8'), registry);
if (!loaded.ok) throw new Error(`${graph}: ${loaded.errors?.map((e) => e.message).join('; ')}`);
const compiled = compileGraph(loaded.doc, registry);
if (!compiled.ok) throw new Error(`${graph}: does not compile`);
const engine = new Engine();
const backend = await engine.init('wasm');
engine.load(compiled.plan, builtinLowerings);
await engine.train({ steps: warmup, evalEvery: 0 });
let started = 0;
let cpu = process.cpuUsage();
let result = { msPerStep: Number.NaN, cpuMsPerStep: Number.NaN };
await engine.train({ steps, evalEvery: 0, continue: true }, (e) => {
  if (e.event === 'start') {
    started = performance.now();
    cpu = process.cpuUsage();
  }
  if (e.event === 'step' && e.step === steps) {
    const used = process.cpuUsage(cpu);
    result = { msPerStep: (performance.now() - started) / steps, cpuMsPerStep: (used.user + used.system) / 1000 / steps };
  }
});
engine.dispose();
console.log(JSON.stringify({ root, graph, backend: backend.name, steps, ...result }));
