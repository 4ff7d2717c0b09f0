/**
 * The one place the run panel compiles a graph: the document and registry in, an execution
 * plan or the diagnostics that block it out. Compiling needs no tfjs, so it runs on the page
 * (with the registry the editor uses, third-party specs included); only the plan crosses to
 * the worker.
 */
import { compileGraph } from '../../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import { costDiagnostics, graphBatchSize } from '../../runtime/infer/costBudget.ts';
import { inferGraph, type GraphInference } from '../../runtime/infer/inferGraph.ts';
import type { Diagnostic, Registry } from '../../runtime/sdk/index.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import { EDITOR_COST_BUDGET } from '../model/graphReport.ts';

/** The graph a run trains: a document and the registry it is read with. */
export interface RunGraph {
  readonly doc: GraphDoc;
  readonly registry: Registry;
  /**
   * The inference of `doc` against `registry`, when the caller has it (the editor store keeps
   * one): compiling then infers nothing again.
   */
  readonly inference?: GraphInference;
}

/** A plan, or the errors that stop the graph from compiling. */
export type CompileOutcome =
  | { readonly ok: true; readonly plan: ExecutionPlan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/**
 * Compiles a graph; never throws (a throwing compiler becomes one error diagnostic). A node
 * whose estimated cost is over this machine's budget (the badge the canvas shows) stops the
 * run here, before the worker allocates anything.
 */
export function compilePlan({ doc, registry, inference }: RunGraph): CompileOutcome {
  try {
    const inferred = inference ?? inferGraph(doc, registry);
    const tooCostly = costDiagnostics(doc, inferred, EDITOR_COST_BUDGET, graphBatchSize(inferred));
    if (tooCostly.length > 0) return { ok: false, errors: tooCostly };
    const r = compileGraph(doc, registry, { inference: inferred });
    if (r.ok) return { ok: true, plan: r.plan, warnings: r.warnings };
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    return { ok: false, errors: errors.length > 0 ? errors : r.diagnostics };
  } catch (e) {
    return { ok: false, errors: [{ code: 'COMPILE_INTERNAL', severity: 'error', message: `the compiler failed: ${errorMessage(e)}` }] };
  }
}
