/**
 * Contract checks that need no tensors: the declaration is well formed, params and their
 * defaults validate, migrations replay, and layer-like plugins list examples.
 */
import {
  CATEGORIES,
  checkParam,
  NODE_ROLES,
  type AnyPluginSpec,
  type MigratableNode,
  type Migration,
  type NodeRole,
  type PortSpec,
  type PluginExample,
} from '../../sdk/index.ts';
import type { AnyPluginLowering } from '../../lower/lowering.ts';
import { paramDescriptorProblems } from '../../sdk/declaration.ts';
import { exampleLabel, exampleParams } from './node.ts';
import { paramProbes } from './paramProbes.ts';
import type { CheckOutcome } from './types.ts';

const ID_PATTERN = /^[a-z][a-zA-Z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/;
const SEMVER_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Roles whose node is a tensor function: they need `apply` and at least one example. */
export const LAYER_LIKE: readonly NodeRole[] = ['layer', 'loss', 'metric'];

/** The lowering member a role needs (`apply`, `source`, …). */
export const ROLE_MEMBER: Readonly<Record<NodeRole, keyof AnyPluginLowering | undefined>> = {
  layer: 'apply',
  loss: 'apply',
  metric: 'apply',
  data: 'source',
  optimiser: 'optimiser',
  schedule: 'schedule',
  controller: undefined,
};

/** `a` or `an`, for messages that name a role. */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function outcome(problems: readonly string[], note: string): CheckOutcome {
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, message: note };
}

function portProblems(kind: 'input' | 'output', ports: Readonly<Record<string, PortSpec>>): string[] {
  const out: string[] = [];
  for (const [name, p] of Object.entries(ports)) {
    if (p.kind !== 'tensor' && p.kind !== 'schedule') out.push(`${kind} "${name}" has unknown kind "${String(p.kind)}"`);
    if (p.dtype !== undefined && !['float32', 'int32', 'any'].includes(p.dtype)) out.push(`${kind} "${name}" has unknown dtype "${p.dtype}"`);
    const r = p.rank;
    if (typeof r === 'number' && (!Number.isInteger(r) || r < 0)) out.push(`${kind} "${name}" rank ${r} is not a non-negative integer`);
    if (typeof r === 'object' && r.min !== undefined && r.max !== undefined && r.min > r.max) {
      out.push(`${kind} "${name}" rank range ${r.min}..${r.max} is empty`);
    }
  }
  return out;
}

/** Id, version, texts, category, role, ports, key params, and the lowering that goes with it. */
export function checkSpec(spec: AnyPluginSpec, lowering: AnyPluginLowering | undefined): CheckOutcome {
  const p: string[] = [];
  if (!ID_PATTERN.test(spec.id)) p.push(`id "${spec.id}" must match ${ID_PATTERN.source}`);
  if (!SEMVER_PATTERN.test(spec.version)) p.push(`version "${spec.version}" is not semver (major.minor.patch)`);
  if (spec.title.trim() === '') p.push('title is empty');
  if (spec.doc.trim() === '') p.push('doc is empty: say in one sentence what the node computes');
  if (!CATEGORIES.includes(spec.category)) p.push(`category "${spec.category}" is not one of ${CATEGORIES.join(', ')}`);
  if (!NODE_ROLES.includes(spec.role)) p.push(`role "${spec.role}" is not one of ${NODE_ROLES.join(', ')}`);
  p.push(...portProblems('input', spec.inputs), ...portProblems('output', spec.outputs));
  // Optimisers and controllers act through the trainer; every other role produces something.
  const silent = spec.role === 'optimiser' || spec.role === 'controller';
  if (!silent && Object.keys(spec.outputs).length === 0) p.push(`${article(spec.role)} ${spec.role} node needs at least one output port`);
  for (const k of spec.keyParams ?? []) if (!Object.hasOwn(spec.params, k)) p.push(`keyParams names "${k}", which is not a param`);
  if (typeof spec.infer !== 'function') p.push('infer is not a function');
  if (!lowering) p.push(`no lowering registered for "${spec.id}" (export one with the same id)`);
  else {
    if (lowering.id !== spec.id) p.push(`lowering id "${lowering.id}" differs from spec id "${spec.id}"`);
    const member = ROLE_MEMBER[spec.role];
    if (member && typeof lowering[member] !== 'function') p.push(`${article(spec.role)} ${spec.role} plugin's lowering must provide ${member}()`);
  }
  return outcome(p, `${spec.id}@${spec.version}, ${spec.role}, ${Object.keys(spec.inputs).length} in / ${Object.keys(spec.outputs).length} out`);
}

function describe(v: unknown): string {
  const text = typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Every param descriptor is coherent (the checks of `definePlugin`, for specs built without
 * it), its validator refuses wrong types and values outside its bounds, defaults validate, and
 * every example's params resolve.
 */
export function checkParams(spec: AnyPluginSpec): CheckOutcome {
  const p: string[] = [];
  for (const [name, d] of Object.entries(spec.params)) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) p.push(`param name "${name}" is not an identifier`);
    for (const why of paramDescriptorProblems(d)) p.push(`param "${name}" ${why}`);
    for (const probe of paramProbes(d)) {
      if (checkParam(d, probe.value) === undefined) p.push(`param "${name}" accepts ${describe(probe.value)} (${probe.what}): its validator must refuse it`);
    }
  }
  // Required params (no default) are legitimate; examples must then set them.
  const examples = spec.examples ?? [];
  for (const [i, e] of examples.entries()) {
    try {
      exampleParams(spec, e);
    } catch (err) {
      p.push(`${exampleLabel(e, i)}: ${(err as Error).message}`);
    }
  }
  const required = Object.entries(spec.params).filter(([, d]) => d.default === undefined).map(([n]) => n);
  const note = required.length > 0 ? `; required: ${required.join(', ')}` : '';
  return outcome(p, `${Object.keys(spec.params).length} params; defaults and ${examples.length} example(s) validate${note}`);
}

function exampleNode(spec: AnyPluginSpec, e: PluginExample | undefined): MigratableNode {
  const params: MigratableNode['params'] = {};
  for (const [k, v] of Object.entries(e?.params ?? {})) params[k] = Array.isArray(v) ? [...(v as number[])] : v;
  for (const [k, d] of Object.entries(spec.params)) if (!(k in params) && d.default !== undefined) params[k] = d.default;
  return { params, data: {} };
}

/** Names are unique and non-empty; the sequence replays on a copy of each example node. */
export function checkMigrations(spec: AnyPluginSpec): CheckOutcome {
  const list: readonly Migration[] = spec.migrations ?? [];
  const p: string[] = [];
  if (Object.keys(list).length !== list.length) p.push('migrations has holes: the sequence must be consecutive');
  const seen = new Map<string, number>();
  list.forEach((m, i) => {
    const at = `migration ${i + 1}`;
    if (typeof m.name !== 'string' || m.name.trim() === '') p.push(`${at} has no name`);
    else if (seen.has(m.name)) p.push(`${at} "${m.name}" repeats the name of migration ${seen.get(m.name)! + 1}`);
    else seen.set(m.name, i);
    if (typeof m.up !== 'function') p.push(`${at} "${m.name}" has no up() function`);
  });
  if (p.length > 0) return outcome(p, '');
  const examples: readonly (PluginExample | undefined)[] = spec.examples?.length ? spec.examples : [undefined];
  examples.forEach((e, ei) => {
    const node = exampleNode(spec, e);
    const before = JSON.stringify(node);
    for (const [i, m] of list.entries()) {
      try {
        m.up(node);
      } catch (err) {
        p.push(`migration ${i + 1} "${m.name}" throws on ${e ? exampleLabel(e, ei) : 'the default node'}: ${(err as Error).message}`);
        return;
      }
      if (typeof node.params !== 'object' || node.params === null) {
        p.push(`migration ${i + 1} "${m.name}" leaves the node without params`);
        return;
      }
    }
    try {
      JSON.stringify(node);
    } catch {
      p.push(`migrations leave a node that is not JSON (${before})`);
    }
  });
  return outcome(p, list.length === 0 ? 'no migrations' : `${list.length} migration(s) replay: ${list.map((m) => m.name).join(', ')}`);
}

/** A starting point for `spec.examples`, from the plugin's own ports and required params. */
function suggestExample(spec: AnyPluginSpec): string {
  const ports = Object.entries(spec.inputs).filter(([, p]) => p.kind === 'tensor' && !p.optional);
  const rankOf = (p: PortSpec): number => (typeof p.rank === 'number' ? p.rank : (p.rank?.min ?? 2));
  const shape = (r: number): string => `[${Array.from({ length: r }, (_, i) => (i === 0 ? 2 : 4)).join(', ')}]`;
  const inputs = ports.map(([n, p]) => `${n}: { shape: ${shape(rankOf(p))}${p.dtype === 'int32' ? ", dtype: 'int32'" : ''} }`).join(', ');
  const required = Object.entries(spec.params).filter(([, d]) => d.default === undefined).map(([n]) => `${n}: …`);
  const params = required.length > 0 ? `params: { ${required.join(', ')} }, ` : '';
  return `{ ${params}inputs: { ${inputs} } }`;
}

/** Layer-like plugins must list examples; each names only real ports and every required input. */
export function checkExamples(spec: AnyPluginSpec): CheckOutcome {
  const examples = spec.examples ?? [];
  if (examples.length === 0) {
    return {
      ok: false,
      message:
        `${article(spec.role)} ${spec.role} plugin needs at least one entry in spec.examples ` +
        `(params + one concrete shape per tensor input), e.g. examples: [${suggestExample(spec)}]`,
    };
  }
  const p: string[] = [];
  examples.forEach((e, i) => {
    const label = exampleLabel(e, i);
    for (const [port, ps] of Object.entries(spec.inputs)) {
      if (ps.kind === 'tensor' && !ps.optional && !Object.hasOwn(e.inputs, port)) p.push(`${label} gives no shape for required input "${port}"`);
    }
    for (const [port, v] of Object.entries(e.inputs)) {
      const ps = spec.inputs[port];
      if (!ps) p.push(`${label}: "${port}" is not an input port`);
      else if (ps.kind !== 'tensor') p.push(`${label}: input "${port}" is a ${ps.kind} port, not a tensor`);
      if (!v.shape.every((d) => Number.isInteger(d) && d > 0)) p.push(`${label}: shape of "${port}" must be positive integers`);
    }
  });
  return outcome(p, `${examples.length} example(s)`);
}
