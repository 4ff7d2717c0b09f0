/**
 * The contract suite: which checks a plugin gets (from its role and lowering), running them
 * with a leak check around each, and the report. `test/contract` makes one vitest `it` per
 * check of every registered plugin; `netwright plugin-check --plugin` prints the same report.
 */
import { tf } from '../tf.ts';
import {
  checkApplyDeterministic,
  checkGradients,
  checkInitDeterministic,
  checkParamCount,
  checkShapes,
  type LayerCheckInput,
} from './layerChecks.ts';
import { checkHooks, checkOptimiser, checkSchedule, checkSource, type RoleCheckInput } from './roleChecks.ts';
import { checkExamples, checkMigrations, checkParams, checkSpec, LAYER_LIKE, ROLE_MEMBER } from './specChecks.ts';
import type {
  CheckOutcome,
  ContractCheck,
  ContractCheckName,
  ContractCheckResult,
  ContractOptions,
  ContractReport,
  ContractSubject,
} from './types.ts';
import { errorMessage } from '../../sdk/errors.ts';

const DEFAULT_SEED = 1234;

type Runner = () => CheckOutcome | Promise<CheckOutcome>;

/**
 * The checks that apply to a plugin, in order, without running them. Layer-like plugins
 * (layer, loss, metric) get the example checks; data, schedule and optimiser plugins get the
 * check of their own lowering member; every plugin gets spec, params and migrations. A
 * layer-like plugin without examples gets a failing `examples` check instead of the rest.
 */
export function contractChecks(subject: ContractSubject, opts: ContractOptions = {}): ContractCheck[] {
  const { spec, lowering } = subject;
  const examples = opts.examples ?? spec.examples ?? [];
  const seed = opts.seed ?? DEFAULT_SEED;
  const list: [ContractCheckName, Runner][] = [
    ['spec', () => checkSpec(spec, lowering)],
    ['params', () => checkParams(spec)],
    ['migrations', () => checkMigrations(spec)],
  ];
  const member = ROLE_MEMBER[spec.role];
  const usable = lowering !== undefined && (member === undefined || typeof lowering[member] === 'function');
  if (LAYER_LIKE.includes(spec.role)) {
    list.push(['examples', () => checkExamples(opts.examples ? { ...spec, examples } : spec)]);
    if (examples.length > 0 && usable) {
      const input: LayerCheckInput = { spec, lowering, examples, seed, atol: opts.atol ?? 0 };
      list.push(
        ['shapes', () => checkShapes(input)],
        ['paramCount', () => checkParamCount(input)],
        ['initDeterministic', () => checkInitDeterministic(input)],
        ['applyDeterministic', () => checkApplyDeterministic(input)],
      );
      if (spec.role !== 'metric') list.push(['gradients', () => checkGradients(input)]);
    }
  } else if (usable) {
    const input: RoleCheckInput = { spec, lowering, examples, seed };
    if (spec.role === 'data') list.push(['source', () => checkSource(input)]);
    if (spec.role === 'schedule') list.push(['schedule', () => checkSchedule(input)]);
    if (spec.role === 'optimiser') list.push(['optimiser', () => checkOptimiser(input)]);
  }
  if (usable && (spec.role === 'controller' || lowering.hooks !== undefined || lowering.calls !== undefined)) {
    list.push(['hooks', () => checkHooks({ spec, lowering, examples, seed })]);
  }
  const only = opts.only;
  return list
    .filter(([name]) => !only || only.includes(name))
    .map(([name, run]) => ({ plugin: spec.id, name, run: () => guarded(run) }));
}

async function guarded(run: Runner): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (e) {
    return { ok: false, message: `threw: ${errorMessage(e)}` };
  }
}

/**
 * Runs one check with a leak check around it: any tensor alive after the check that was not
 * alive before it fails the check (variables count).
 */
export async function runCheck(check: ContractCheck): Promise<ContractCheckResult> {
  const before = tf.memory().numTensors;
  const t0 = Date.now();
  const outcome = await check.run();
  const ms = Date.now() - t0;
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) {
    const leak = `${leaked} tensor(s) leaked (tf.memory().numTensors did not return to baseline)`;
    return { ...outcome, name: check.name, ok: false, message: outcome.ok ? leak : `${outcome.message ?? ''}; ${leak}`, leaked, ms };
  }
  return { ...outcome, name: check.name, leaked: Math.max(0, leaked), ms };
}

/**
 * Runs the whole contract suite on one plugin on the current tfjs backend.
 * @example
 * const report = await runContract(mySpec, myLowering);
 * if (!report.ok) console.log(formatContractReport(report));
 */
export async function runContract(
  spec: ContractSubject['spec'],
  lowering: ContractSubject['lowering'],
  opts: ContractOptions = {},
): Promise<ContractReport> {
  const checks: ContractCheckResult[] = [];
  for (const c of contractChecks({ spec, lowering }, opts)) checks.push(await runCheck(c));
  return { plugin: spec.id, ok: checks.every((c) => c.ok), checks };
}

/** One line per check (`PASS acme.scale shapes  …`), failures with their reason. */
export function formatContractReport(report: ContractReport, verbose = false): string {
  return report.checks
    .map((c) => {
      const head = `${c.skipped ? 'SKIP' : c.ok ? 'PASS' : 'FAIL'} ${report.plugin} contract:${c.name}`;
      const why = !c.ok || verbose || c.skipped ? (c.message ? `  ${c.message}` : '') : '';
      return head + why;
    })
    .join('\n');
}
