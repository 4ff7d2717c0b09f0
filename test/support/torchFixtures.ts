/**
 * Fixtures (docs/fixtures.md) run on the PyTorch modules the plugins' torch emitters write:
 * every `apply` fixture of a plugin becomes one case for `torch_fixtures.py` (one Python
 * process for all), and the outputs, gradients and state it returns are compared with the
 * fixture's expectations and tolerances, as the tfjs fixture runner does. Test-only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareTensor,
  parseFixture,
  type Fixture,
  type TensorCheck,
} from '../../runtime/exec/fixtures/index.ts';
import { makeFail, type AnyPluginSpec } from '../../runtime/sdk/plugin.ts';
import { resolveParams, type ParamValue } from '../../runtime/sdk/params.ts';
import type { PortValue } from '../../runtime/sdk/ports.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import type { TorchEmitContext } from '../../runtime/sdk/torch.ts';
import { pyLiteral } from '../../runtime/torchExport/pythonText.ts';

/** The result of one fixture on PyTorch. */
export interface TorchFixtureReport {
  readonly file: string;
  readonly ok: boolean;
  readonly checks: readonly TensorCheck[];
  readonly error?: string;
}

interface Got {
  readonly shape: number[];
  readonly data: number[];
}

function caseOf(
  fx: Fixture,
  spec: AnyPluginSpec,
  overrides: Readonly<Record<string, ParamValue>>,
): Record<string, unknown> {
  const emitter = spec.torch;
  if (!emitter) throw new Error(`plugin "${spec.id}" has no torch emitter`);
  const resolved = resolveParams(spec.params, { ...fx.params, ...overrides });
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('; '));
  const params = resolved.values as Record<string, ParamValue>;
  const inputs: Record<string, PortValue> = {};
  const inputDtypes: Record<string, string> = {};
  for (const [port, ps] of Object.entries(spec.inputs)) {
    const t = fx.inputs[port];
    if (!t || ps.kind !== 'tensor') continue;
    const dtype = ps.dtype === 'int32' ? 'int32' : 'float32';
    inputs[port] = { kind: 'tensor', shape: t.shape, dtype };
    inputDtypes[port] = dtype;
  }
  const inferred = spec.infer({ params, inputs, fail: makeFail() });
  const schedule = spec.role === 'schedule' ? scheduleCall(fx, params) : undefined;
  const ctx: TorchEmitContext = {
    node: 'fixture',
    role: spec.role,
    params,
    inputs,
    outputs: inferred.outputs,
    weights: inferred.weights ?? {},
    state: inferred.state ?? {},
    ...(schedule ? { data: schedule.data } : {}),
    py: pyLiteral,
  };
  const wm = emitter.weights?.(ctx) ?? {};
  const sm = emitter.state?.(ctx) ?? {};
  const map = (names: readonly string[], m: typeof wm): Record<string, [string, readonly number[] | null]> =>
    Object.fromEntries(names.map((n) => [n, [m[n]?.name ?? n, m[n]?.permute ?? null]]));
  return {
    source: emitter.source,
    construct: emitter.construct(ctx),
    weightMap: map(Object.keys(ctx.weights), wm),
    stateMap: map(Object.keys(ctx.state), sm),
    weights: fx.weights ?? {},
    state: fx.state ?? {},
    inputs: fx.inputs,
    inputDtypes,
    outputs: Object.keys(spec.outputs),
    cotangents: fx.cotangents ?? null,
    mode: fx.mode ?? 'eval',
    step: fx.step ?? (fx.mode === 'train' ? 1 : 0),
    totalSteps: schedule?.totalSteps ?? null,
  };
}

/**
 * A schedule plugin's fixture call on PyTorch: its `gradNorms` input becomes the node's saved
 * data (what the schedule refines from in training) and the length is `newT`, else the norms'.
 */
function scheduleCall(
  fx: Fixture,
  params: Readonly<Record<string, ParamValue>>,
): { data: Record<string, unknown>; totalSteps: number } {
  const norms = fx.inputs.gradNorms?.data;
  const newT = typeof params.newT === 'number' ? params.newT : 0;
  const totalSteps = newT !== 0 ? newT : (norms?.length ?? 0);
  return { data: norms ? { normKind: params.norm, gradNorms: Array.from(norms) } : {}, totalSteps };
}

/**
 * A schedule's rates are its `lr`; the fixture's `schedule` output is the same rates over
 * `peakLr` (normalised to peak 1).
 */
function withScheduleOutput(fx: Fixture, got: TorchFixtureResult): TorchFixtureResult {
  const lr = got.outputs?.lr;
  const peak = fx.params.peakLr;
  if (!lr || typeof peak !== 'number' || !fx.expect.outputs?.schedule) return got;
  return { ...got, outputs: { ...got.outputs, schedule: { shape: lr.shape, data: lr.data.map((v) => v / peak) } } };
}

function compare(fx: Fixture, got: TorchFixtureResult): TensorCheck[] {
  const checks: TensorCheck[] = [];
  const tol = (path: string): { atol: number; rtol: number } =>
    fx.tolerance.overrides?.[path] ?? fx.tolerance;
  const check = (path: string, g: Got | undefined, want: Fixture['inputs'][string]): void => {
    checks.push(compareTensor(path, g, want, tol(path)));
  };
  for (const [p, want] of Object.entries(fx.expect.outputs ?? {}))
    check(`outputs.${p}`, got.outputs?.[p], want);
  for (const [p, want] of Object.entries(fx.expect.grads?.inputs ?? {}))
    check(`grads.inputs.${p}`, got.grads?.inputs[p], want);
  for (const [n, want] of Object.entries(fx.expect.grads?.weights ?? {}))
    check(`grads.weights.${n}`, got.grads?.weights[n], want);
  for (const [n, want] of Object.entries(fx.expect.state ?? {})) check(`state.${n}`, got.state?.[n], want);
  return checks;
}

/** What PyTorch computed for one fixture: outputs, gradients and state, in Netwright's layouts. */
export interface TorchFixtureResult {
  readonly error?: string;
  readonly outputs?: Record<string, Got>;
  readonly grads?: { inputs: Record<string, Got>; weights: Record<string, Got> };
  readonly state?: Record<string, Got>;
}

/** Runs parsed fixtures' calls on PyTorch in one Python process; their `expect` is not read. */
export function runTorchCases(
  python: string,
  fixtures: readonly Fixture[],
  registry: Registry,
  overrides: Readonly<Record<string, ParamValue>> = {},
): TorchFixtureResult[] {
  const cases = fixtures.map((fx) => {
    const spec = registry.get(fx.plugin);
    if (!spec) throw new Error(`fixture for unknown plugin "${fx.plugin}"`);
    return caseOf(fx, spec, overrides);
  });
  return runTorchPython(python, cases);
}

/** Runs cases (see torch_fixtures.py) in one Python process: one result per case. */
export function runTorchPython(python: string, cases: readonly unknown[]): TorchFixtureResult[] {
  const r = spawnSync(python, [join(import.meta.dirname, 'torch_fixtures.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`torch_fixtures.py exited ${String(r.status)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as TorchFixtureResult[];
}

/**
 * Runs the `apply` fixtures in `files` on PyTorch with `python`; one report per file.
 * `overrides` sets params the fixtures leave out on purpose (implementation choices: every one must pass).
 */
export function runTorchFixtures(
  python: string,
  files: readonly string[],
  registry: Registry,
  overrides: Readonly<Record<string, ParamValue>> = {},
): TorchFixtureReport[] {
  const fixtures = files.map((file) => ({ file, fx: parseFixture(readFileSync(file, 'utf8')) }));
  const results = runTorchCases(
    python,
    fixtures.map((f) => f.fx),
    registry,
    overrides,
  );
  return fixtures.map(({ file, fx }, i) => {
    const got = withScheduleOutput(fx, results[i]!);
    if (got.error !== undefined) return { file, ok: false, checks: [], error: got.error };
    const checks = compare(fx, got);
    return { file, ok: checks.every((c) => c.ok), checks };
  });
}
