/**
 * Reading a graph file for the CLI: load (migrations, validation, placeholders) and compile,
 * with every problem as a diagnostic (io.ts `formatDiagnostic` prints it as `FILE: where: message`).
 */
import { capDiagnostics } from '../runtime/compile/capDiagnostics.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { loadGraph } from '../runtime/file/load.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import type { Diagnostic } from '../runtime/sdk/errors.ts';
import type { Registry } from '../runtime/sdk/registry.ts';
import { readBoundedText } from './readBounded.ts';

/** Result of {@link readGraphFile}. */
export type ReadResult =
  | { readonly ok: true; readonly doc: GraphDoc; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Reads and loads a graph file; a missing or unreadable file is a diagnostic too. */
export async function readGraphFile(file: string, registry: Registry): Promise<ReadResult> {
  const read = await readBoundedText(file);
  if (!read.ok) return { ok: false, diagnostics: [read.diagnostic] };
  const loaded = loadGraph(read.text, registry);
  return loaded.ok ? { ok: true, doc: loaded.doc, warnings: loaded.warnings } : { ok: false, diagnostics: loaded.errors };
}

/** Result of {@link compileFile}. */
export type CompiledFile =
  | { readonly ok: true; readonly doc: GraphDoc; readonly plan: ExecutionPlan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

/** Reads, loads and compiles a graph file. */
export async function compileFile(file: string, registry: Registry): Promise<CompiledFile> {
  const read = await readGraphFile(file, registry);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics, warnings: [] };
  const compiled = compileGraph(read.doc, registry);
  if (!compiled.ok) return { ok: false, diagnostics: capDiagnostics(compiled.diagnostics), warnings: read.warnings };
  return { ok: true, doc: read.doc, plan: compiled.plan, warnings: [...read.warnings, ...compiled.warnings] };
}
