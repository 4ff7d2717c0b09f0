/**
 * model.py of a PyTorch export: the plugin classes (each emitter's source, once), the weight
 * name map, and one `nn.Module` whose attributes are the graph's layer, loss and metric nodes
 * (named after their ids) and whose `forward` follows the plan's order with shape comments.
 */
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import type { PortValue } from '../../runtime/sdk/ports.ts';
import { formatShape } from '../../runtime/sdk/shape.ts';
import type { TorchTensorMapping } from '../../runtime/sdk/torch.ts';
import { emitted, tensorMappings, type EmitNode } from './emitNodes.ts';
import { isPyKeywordSafe, pyLiteral } from './pythonText.ts';

const MODULE_ROLES = new Set(['layer', 'loss', 'metric']);

function shapeText(v: PortValue | undefined): string {
  return v?.kind === 'tensor' ? `${formatShape(v.shape)}${v.dtype === 'int32' ? ' int32' : ''}` : 'schedule';
}

function mapLiteral(m: Readonly<Record<string, TorchTensorMapping>>): string {
  const rows = Object.entries(m).map(
    ([k, t]) =>
      `    ${JSON.stringify(k)}: (${JSON.stringify(t.name)}, ${t.permute ? `(${t.permute.join(', ')}${t.permute.length === 1 ? ',' : ''})` : 'None'}),`,
  );
  return rows.length === 0 ? '{}' : `{\n${rows.join('\n')}\n}`;
}

/** The plugin sources, once per plugin, in plan order. */
export function pluginSources(nodes: readonly EmitNode[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const n of nodes) {
    if (seen.has(n.step.type)) continue;
    seen.add(n.step.type);
    parts.push(`# --- plugin "${n.step.type}" ${n.spec.version} ---\n${n.emitter.source.trim()}\n`);
  }
  return parts.join('\n\n');
}

/** The Python variable holding output `port` of node `id`. */
function variable(byId: ReadonlyMap<string, EmitNode>, id: string, port: string): string {
  return `${byId.get(id)!.py}_${port}`;
}

/** What the forward returns: the optimiser's loss and every scalar metric (named as the trainer names them). */
function outputsOf(
  plan: ExecutionPlan,
  byId: ReadonlyMap<string, EmitNode>,
): { loss: string; metrics: [string, string][] } {
  const opt = plan.roles.optimiser[0];
  const lossRef = opt === undefined ? undefined : byId.get(opt)?.step.inputs.loss;
  if (!lossRef) throw new Error('the graph has no optimiser with a loss wired to it: nothing to train');
  const metrics: [string, string][] = [];
  for (const id of plan.roles.metric) {
    const step = byId.get(id)!.step;
    const port = Object.hasOwn(step.outputs, 'value') ? 'value' : Object.keys(step.outputs)[0];
    const v = port === undefined ? undefined : step.outputs[port];
    if (v?.kind === 'tensor' && v.shape.length === 0)
      metrics.push([id === 'loss' ? 'metric:loss' : id, variable(byId, id, port!)]);
  }
  return { loss: variable(byId, lossRef.node, lossRef.port), metrics };
}

/** All weight and state mappings, by Netwright key. */
export function allMappings(nodes: readonly EmitNode[]): {
  weights: Record<string, TorchTensorMapping>;
  state: Record<string, TorchTensorMapping>;
} {
  const weights: Record<string, TorchTensorMapping> = {};
  const state: Record<string, TorchTensorMapping> = {};
  for (const n of nodes) {
    Object.assign(weights, tensorMappings(n, 'weights'));
    Object.assign(state, tensorMappings(n, 'state'));
  }
  return { weights, state };
}

/** The per-weight optimiser settings: learning-rate scales and L1/L2 penalties, by torch name. */
function optimLiterals(
  nodes: readonly EmitNode[],
  weights: Readonly<Record<string, TorchTensorMapping>>,
): { scales: string; penalties: string; noDecay: string } {
  const scales: string[] = [];
  const noDecay: string[] = [];
  const penalties: string[] = [];
  for (const n of nodes) {
    for (const [name, spec] of Object.entries(n.step.weights)) {
      if (spec.trainable === false) continue;
      const torchName = weights[`${n.step.node}/${name}`]!.name;
      const o = spec.optim;
      if (!(o?.decay ?? spec.shape.length >= 2)) noDecay.push(`    ${JSON.stringify(torchName)},`);
      if (o?.lrScale !== undefined && o.lrScale !== 1)
        scales.push(`    ${JSON.stringify(torchName)}: ${pyLiteral(o.lrScale)},`);
      if ((o?.l1 ?? 0) !== 0 || (o?.l2 ?? 0) !== 0)
        penalties.push(
          `    ${JSON.stringify(torchName)}: (${pyLiteral(o?.l1 ?? 0)}, ${pyLiteral(o?.l2 ?? 0)}),`,
        );
    }
  }
  const dict = (rows: string[]): string => (rows.length === 0 ? '{}' : `{\n${rows.join('\n')}\n}`);
  return {
    scales: dict(scales),
    penalties: dict(penalties),
    noDecay: noDecay.length === 0 ? '[]' : `[\n${noDecay.join('\n')}\n]`,
  };
}

function callArgs(n: EmitNode, byId: ReadonlyMap<string, EmitNode>): string {
  const entries = Object.entries(n.step.inputs).map(
    ([port, ref]) => [port, variable(byId, ref.node, ref.port)] as const,
  );
  if (entries.every(([p]) => isPyKeywordSafe(p))) return entries.map(([p, v]) => `${p}=${v}`).join(', ');
  return `**{${entries.map(([p, v]) => `${JSON.stringify(p)}: ${v}`).join(', ')}}`;
}

/** The text of model.py. */
export function modelPy(plan: ExecutionPlan, nodes: readonly EmitNode[], title: string): string {
  const byId = new Map(nodes.map((n) => [n.step.node, n]));
  const modules = nodes.filter((n) => MODULE_ROLES.has(n.step.role));
  const data = nodes.filter((n) => n.step.role === 'data');
  const { weights, state } = allMappings(nodes);
  const optim = optimLiterals(nodes, weights);
  const init = modules.map((n) => {
    const ins = Object.entries(n.ctx.inputs)
      .map(([p, v]) => `${p} ${shapeText(v)}`)
      .join(', ');
    const outs = Object.entries(n.step.outputs)
      .map(([p, v]) => `${p} ${shapeText(v)}`)
      .join(', ');
    return `        # ${n.step.node} (${n.step.type}): ${ins || 'no inputs'} -> ${outs}\n        self.${n.py} = ${emitted(n, 'construct', () => n.emitter.construct(n.ctx))}`;
  });
  const lines: string[] = [];
  for (const d of data) {
    for (const [port, v] of Object.entries(d.step.outputs))
      lines.push(
        `${d.py}_${port} = feeds[${JSON.stringify(d.step.node)}][${JSON.stringify(port)}]  # ${shapeText(v)}`,
      );
  }
  for (const n of modules) {
    const ports = Object.keys(n.spec.outputs);
    const call = `self.${n.py}(${callArgs(n, byId)})`;
    if (ports.length === 1)
      lines.push(`${n.py}_${ports[0]!} = ${call}  # ${shapeText(n.step.outputs[ports[0]!])}`);
    else {
      lines.push(`${n.py}_out = ${call}`);
      for (const p of ports)
        lines.push(`${n.py}_${p} = ${n.py}_out[${JSON.stringify(p)}]  # ${shapeText(n.step.outputs[p])}`);
    }
  }
  const out = outputsOf(plan, byId);
  lines.push(
    `return {"loss": ${out.loss}, "metrics": {${out.metrics.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}}`,
  );
  return `"""${title}: the model, exported from Netwright (graph ${plan.graphHash}).

Use it on its own:
    import model
    m = model.Model()
    m.load_netwright("weights.json")   # weights in Netwright's format
    out = m({${data
      .map(
        (d) =>
          `"${d.step.node}": {${Object.keys(d.step.outputs)
            .map((p) => `"${p}": ...`)
            .join(', ')}}`,
      )
      .join(', ')}})
    out["loss"], out["metrics"]
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

${pluginSources(modules)}

GRAPH_HASH = ${JSON.stringify(plan.graphHash)}

# Netwright weight key -> (name in Model's state_dict, axis permutation from Netwright's layout or None)
WEIGHTS = ${mapLiteral(weights)}

# Netwright node state key -> (buffer name in Model's state_dict, axis permutation or None)
STATE = ${mapLiteral(state)}

# Per-weight learning-rate scales (weights not listed: 1) and (L1, L2) penalties added to the loss
LR_SCALES = ${optim.scales}
PENALTIES = ${optim.penalties}

# Weights AdamW's decoupled weight decay skips (rank < 2, or the plugin opts out)
NO_DECAY = ${optim.noDecay}


class Model(nn.Module):
    """${title}. Attributes are the graph's nodes; forward takes the data nodes' batches."""

    def __init__(self):
        super().__init__()
${init.join('\n')}

    def forward(self, feeds):
        """feeds: {data node: {port: tensor}}. Returns the loss and every metric."""
${lines.map((l) => `        ${l}`).join('\n')}

    def load_netwright(self, path):
        """Loads a netwright.weights JSON file (editor export, netwright train --save-weights)."""
        from netwright_torch import load_netwright_weights

        load_netwright_weights(self, path, WEIGHTS, STATE)
`;
}
