/**
 * Structural checks of blocks, shared by the file loader (which refuses the file) and by
 * inference (which reports diagnostics on the instance): unknown definitions, recursion,
 * dangling ports, bad repeat counts, exposed params bound to missing inner params, bad instance
 * params, and flattened graphs over the node limit. Shape checks (a repeat whose output shape
 * differs from its input) need inference and live in `inferBlocks.ts`.
 */
import {
  BLOCK_PARAM,
  MAX_BLOCK_DEPTH,
  MAX_REPEAT,
  REPEAT_PARAM,
  instanceBlockId,
  isInstance,
  type BlockDef,
} from '../graph/blockTypes.ts';
import type { GraphDoc, GraphEdge, GraphNode, PlaceholderInfo } from '../graph/types.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { Registry } from '../sdk/registry.ts';
import { resolveInstanceParams } from './params.ts';

/** Most nodes a document may have once every instance is flattened (as in a file). */
export const MAX_FLAT_NODES = 20_000;

/** A graph body: the top level of a document or a block definition. */
export interface Body {
  readonly nodes: Readonly<Record<string, GraphNode>>;
  readonly edges: Readonly<Record<string, GraphEdge>>;
  readonly placeholders: Readonly<Record<string, PlaceholderInfo>>;
}

interface Ctx {
  readonly blocks: Readonly<Record<string, BlockDef>>;
  readonly registry: Registry;
  readonly out: Diagnostic[];
}

function push(ctx: Ctx, code: string, path: string, message: string, node?: string, param?: string): void {
  ctx.out.push({
    code,
    severity: 'error',
    message,
    path,
    ...(node === undefined ? {} : { node }),
    ...(param === undefined ? {} : { param }),
  });
}

/** The block a definition id names, own keys only. */
export function blockOf(
  blocks: Readonly<Record<string, BlockDef>> | undefined,
  id: string | undefined,
): BlockDef | undefined {
  return blocks && id !== undefined && Object.hasOwn(blocks, id) ? blocks[id] : undefined;
}

/** `where` for messages: `node "n"` at the top level, `node "n" of block "b"` inside one. */
function where(node: string, block: string | undefined): string {
  return block === undefined ? `node "${node}"` : `node "${node}" of block "${block}"`;
}

function checkInstance(ctx: Ctx, body: Body, node: GraphNode, block: string | undefined, at: string): void {
  const top = block === undefined ? node.id : undefined;
  const id = instanceBlockId(node);
  const def = blockOf(ctx.blocks, id);
  if (!def) {
    const why =
      id === undefined
        ? 'names no block (param "block" must be a block id)'
        : `uses block "${id}", which this file does not define`;
    push(
      ctx,
      'BLOCK_UNKNOWN',
      `${at}.params.${BLOCK_PARAM}`,
      `${where(node.id, block)}: ${why}`,
      top,
      BLOCK_PARAM,
    );
    return;
  }
  const resolved = resolveInstanceParams(def, node.params);
  if (!resolved.ok) {
    for (const issue of resolved.issues) {
      const code = issue.param === REPEAT_PARAM ? 'BLOCK_BAD_REPEAT' : 'BLOCK_BAD_PARAM';
      const bound = issue.param === REPEAT_PARAM ? ` (a repeat is 1 to ${MAX_REPEAT})` : '';
      push(
        ctx,
        code,
        `${at}.params.${issue.param}`,
        `${where(node.id, block)} (block "${id}"): ${issue.message}${bound}`,
        top,
        issue.param,
      );
    }
  } else if ((resolved.values[REPEAT_PARAM] as number) > 1) {
    const ins = Object.keys(def.inputs).length;
    const outs = Object.keys(def.outputs).length;
    if (ins !== 1 || outs !== 1) {
      push(
        ctx,
        'BLOCK_REPEAT_PORTS',
        `${at}.params.${REPEAT_PARAM}`,
        `${where(node.id, block)}: repeat ${String(resolved.values[REPEAT_PARAM])} chains copies of block "${id}" output -> input, so the block needs exactly one input and one output (it has ${ins} input${ins === 1 ? '' : 's'} and ${outs} output${outs === 1 ? '' : 's'})`,
        top,
        REPEAT_PARAM,
      );
    }
  }
  for (const e of Object.values(body.edges)) {
    if (e.to.node === node.id && !Object.hasOwn(def.inputs, e.to.port)) {
      push(
        ctx,
        'BLOCK_DANGLING_PORT',
        at,
        `${where(node.id, block)}: an edge from "${e.from.node}.${e.from.port}" goes into input "${e.to.port}", but block "${id}" has no such input (inputs: ${Object.keys(def.inputs).join(', ') || 'none'})`,
        top,
        e.to.port,
      );
    }
    if (e.from.node === node.id && !Object.hasOwn(def.outputs, e.from.port)) {
      push(
        ctx,
        'BLOCK_DANGLING_PORT',
        at,
        `${where(node.id, block)}: an edge to "${e.to.node}.${e.to.port}" leaves output "${e.from.port}", but block "${id}" has no such output (outputs: ${Object.keys(def.outputs).join(', ') || 'none'})`,
        top,
        e.from.port,
      );
    }
  }
}

function checkBody(ctx: Ctx, body: Body, block: string | undefined, at: string): void {
  for (const node of Object.values(body.nodes)) {
    if (isInstance(node)) checkInstance(ctx, body, node, block, `${at}nodes.${node.id}`);
  }
}

/** Whether `param` is a param of the inner node `node` of a definition (placeholders: any). */
function hasParam(ctx: Ctx, def: BlockDef, node: GraphNode, param: string): boolean {
  if (Object.hasOwn(def.placeholders, node.id)) return true;
  if (isInstance(node)) {
    const inner = blockOf(ctx.blocks, instanceBlockId(node));
    return param === REPEAT_PARAM || (inner !== undefined && Object.hasOwn(inner.params, param));
  }
  const spec = ctx.registry.get(node.type);
  return spec !== undefined && Object.hasOwn(spec.params, param);
}

function checkDefinition(ctx: Ctx, id: string, def: BlockDef): void {
  const at = `blocks.${id}`;
  const fed = new Set(Object.values(def.edges).map((e) => `${e.to.node}.${e.to.port}`));
  for (const [port, refs] of Object.entries(def.inputs)) {
    if (refs.length === 0)
      push(
        ctx,
        'BLOCK_DANGLING_PORT',
        `${at}.inputs.${port}`,
        `block "${id}": input "${port}" feeds no inner port`,
      );
    refs.forEach((ref, i) => {
      if (!Object.hasOwn(def.nodes, ref.node)) {
        push(
          ctx,
          'BLOCK_DANGLING_PORT',
          `${at}.inputs.${port}[${i}].node`,
          `block "${id}": input "${port}" feeds "${ref.node}.${ref.port}", but the block has no node "${ref.node}"`,
        );
      } else if (fed.has(`${ref.node}.${ref.port}`)) {
        push(
          ctx,
          'BLOCK_INPUT_TAKEN',
          `${at}.inputs.${port}[${i}]`,
          `block "${id}": input "${port}" feeds "${ref.node}.${ref.port}", which an inner edge already feeds; an input takes one edge`,
        );
      } else fed.add(`${ref.node}.${ref.port}`);
    });
  }
  for (const [port, ref] of Object.entries(def.outputs)) {
    if (!Object.hasOwn(def.nodes, ref.node)) {
      push(
        ctx,
        'BLOCK_DANGLING_PORT',
        `${at}.outputs.${port}.node`,
        `block "${id}": output "${port}" comes from "${ref.node}.${ref.port}", but the block has no node "${ref.node}"`,
      );
    }
  }
  for (const [name, p] of Object.entries(def.params)) {
    if (name === BLOCK_PARAM || name === REPEAT_PARAM) {
      push(
        ctx,
        'BLOCK_BAD_PARAM',
        `${at}.params.${name}`,
        `block "${id}": "${name}" is an instance param of every block and cannot be exposed`,
      );
    }
    p.bind.forEach((b, i) => {
      const inner = Object.hasOwn(def.nodes, b.node) ? def.nodes[b.node] : undefined;
      if (!inner) {
        push(
          ctx,
          'BLOCK_BAD_BINDING',
          `${at}.params.${name}.bind[${i}].node`,
          `block "${id}": param "${name}" is bound to "${b.node}.${b.param}", but the block has no node "${b.node}"`,
        );
      } else if (!hasParam(ctx, def, inner, b.param)) {
        push(
          ctx,
          'BLOCK_BAD_BINDING',
          `${at}.params.${name}.bind[${i}].param`,
          `block "${id}": param "${name}" is bound to "${b.node}.${b.param}", but node "${b.node}" (${inner.type}) has no param "${b.param}"`,
        );
      }
    });
  }
  checkBody(ctx, def, id, `${at}.`);
}

/** Definitions each definition uses directly, by id. */
function uses(def: BlockDef): string[] {
  const out: string[] = [];
  for (const n of Object.values(def.nodes)) {
    const id = isInstance(n) ? instanceBlockId(n) : undefined;
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Recursion (`a › b › a`) and nesting deeper than {@link MAX_BLOCK_DEPTH}; one error per cycle. */
function checkNesting(ctx: Ctx): boolean {
  const state = new Map<string, 'open' | 'done'>();
  let ok = true;
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 'done' || !Object.hasOwn(ctx.blocks, id)) return;
    if (state.get(id) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(id)), id].join(' › ');
      push(
        ctx,
        'BLOCK_RECURSIVE',
        `blocks.${id}`,
        `block "${id}" contains itself: ${cycle}; a block cannot contain an instance of itself`,
      );
      ok = false;
      return;
    }
    if (stack.length >= MAX_BLOCK_DEPTH) {
      push(
        ctx,
        'BLOCK_TOO_DEEP',
        `blocks.${id}`,
        `blocks nest deeper than ${MAX_BLOCK_DEPTH} levels: ${[...stack, id].join(' › ')}`,
      );
      ok = false;
      return;
    }
    state.set(id, 'open');
    for (const next of uses(ctx.blocks[id]!)) visit(next, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(ctx.blocks)) visit(id, []);
  return ok;
}

/** Flattened node count of a body; instances count their definition times their repeat. */
function flatSize(ctx: Ctx, body: Body, memo: Map<string, number>): number {
  let n = 0;
  for (const node of Object.values(body.nodes)) {
    if (!isInstance(node)) {
      n += 1;
      continue;
    }
    const id = instanceBlockId(node)!;
    const def = blockOf(ctx.blocks, id);
    if (!def) continue;
    if (!memo.has(id)) memo.set(id, flatSize(ctx, def, memo));
    const repeat = node.params[REPEAT_PARAM];
    n += memo.get(id)! * (typeof repeat === 'number' ? repeat : 1);
  }
  return n;
}

/**
 * Every structural problem of the blocks of `doc` and of its instances, each with a JSON path
 * (`blocks.gla.params.dModel.bind[0].param`) and, for top-level instances, the node.
 */
export function checkBlocks(doc: GraphDoc, registry: Registry): Diagnostic[] {
  const ctx: Ctx = { blocks: doc.blocks ?? {}, registry, out: [] };
  for (const [id, def] of Object.entries(ctx.blocks)) checkDefinition(ctx, id, def);
  checkBody(ctx, doc, undefined, '');
  if (!checkNesting(ctx) || ctx.out.length > 0) return ctx.out;
  const size = flatSize(ctx, doc, new Map());
  if (size > MAX_FLAT_NODES) {
    push(
      ctx,
      'BLOCK_TOO_LARGE',
      'nodes',
      `flattening every block instance gives ${size} nodes; the limit is ${MAX_FLAT_NODES} (lower a repeat count)`,
    );
  }
  return ctx.out;
}

/** Whether a document uses blocks at all (definitions or instances). */
export function hasBlocks(doc: GraphDoc): boolean {
  if (doc.blocks && Object.keys(doc.blocks).length > 0) return true;
  return Object.values(doc.nodes).some(isInstance);
}
