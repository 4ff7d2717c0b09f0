/** The example graphs in graphs/, loaded and compiled with the built-in plugins (tests only). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRegistry } from '../../plugins/index.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { loadGraph } from '../../runtime/file/load.ts';

/** graphs/ in the repository. */
export const GRAPHS_DIR = join(import.meta.dirname, '..', '..', 'graphs');

/** Loads and compiles `graphs/<file>`; throws with the loader's or compiler's messages. */
export async function compileExampleGraph(file: string): Promise<ExecutionPlan> {
  const registry = builtinRegistry();
  const loaded = loadGraph(await readFile(join(GRAPHS_DIR, file), 'utf8'), registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
  return compiled.plan;
}
