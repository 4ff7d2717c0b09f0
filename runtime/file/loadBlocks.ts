/**
 * The `blocks` section of a graph file (format version 2) as block definitions. Inner nodes
 * follow the rules of top-level nodes: params checked against their plugin, nodes of missing
 * plugins kept as placeholders that are saved back unchanged, edges naming existing nodes and
 * one edge per input. Errors name the JSON path (`blocks.gla.nodes.ln.params.eps`).
 */
import type { BlockDef, BlockParam } from '../graph/blockTypes.ts';
import { isInstance } from '../graph/blockTypes.ts';
import { edgeId } from '../graph/ids.ts';
import type { GraphEdge, GraphNode, PlaceholderInfo } from '../graph/types.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import { resolveParams, type ParamDescriptors, type ParamValue } from '../sdk/params.ts';
import type { Registry } from '../sdk/registry.ts';
import type { FileBlock, FileNode, GraphFile } from './schema.ts';

/** What {@link buildBlocks} found. */
export interface BuiltBlocks {
  readonly blocks: Record<string, BlockDef>;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

function fileError(code: string, path: string, message: string): Diagnostic {
  return { code, severity: 'error', message: `${path}: ${message}`, path };
}

function buildEdges(block: FileBlock, at: string, errors: Diagnostic[]): Record<string, GraphEdge> {
  const edges: Record<string, GraphEdge> = {};
  const fed = new Map<string, number>();
  (block.edges ?? []).forEach((e, i) => {
    for (const side of ['from', 'to'] as const) {
      if (!Object.hasOwn(block.nodes, e[side].node)) {
        errors.push(
          fileError(
            'FILE_EDGE_UNKNOWN_NODE',
            `${at}.edges[${i}].${side}.node`,
            `there is no node "${e[side].node}" in this block`,
          ),
        );
      }
    }
    const key = `${e.to.node}.${e.to.port}`;
    const first = fed.get(key);
    if (first !== undefined) {
      errors.push(
        fileError(
          'FILE_INPUT_TAKEN',
          `${at}.edges[${i}].to`,
          `input "${e.to.port}" of node "${e.to.node}" is already fed by edges[${first}]; an input takes one edge`,
        ),
      );
      return;
    }
    fed.set(key, i);
    const id = edgeId(e.from, e.to);
    edges[id] = { id, from: { ...e.from }, to: { ...e.to } };
  });
  return edges;
}

function lockOf(file: GraphFile, type: string): Pick<PlaceholderInfo, 'lockedVersion' | 'lockedMigration'> {
  const lock = file.plugins && Object.hasOwn(file.plugins, type) ? file.plugins[type] : undefined;
  return lock ? { lockedVersion: lock.version, lockedMigration: lock.migration } : {};
}

function buildNode(id: string, n: FileNode): GraphNode {
  return {
    id,
    type: n.type,
    params: n.params ?? {},
    position: { x: n.position.x, y: n.position.y },
    ...(n.label === undefined ? {} : { label: n.label }),
    ...(n.data === undefined ? {} : { data: n.data }),
  };
}

/** The defaults of the exposed params bound to inner node `node`, by inner param. */
function boundDefaults(block: FileBlock, node: string, known: ParamDescriptors): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of Object.values(block.params ?? {})) {
    // A binding to a param the plugin lacks is BLOCK_BAD_BINDING (runtime/blocks/check.ts).
    for (const b of p.bind) if (b.node === node && Object.hasOwn(known, b.param)) out[b.param] = p.default;
  }
  return out;
}

function buildBlock(
  blockId: string,
  block: FileBlock,
  file: GraphFile,
  registry: Registry,
  tooNew: ReadonlySet<string>,
  out: BuiltBlocks,
): BlockDef {
  const at = `blocks.${blockId}`;
  const nodes: Record<string, GraphNode> = {};
  const placeholders: Record<string, PlaceholderInfo> = {};
  for (const [id, n] of Object.entries(block.nodes)) {
    nodes[id] = buildNode(id, n);
    if (isInstance(n)) continue; // checked with the block structure (runtime/blocks/check.ts)
    const spec = tooNew.has(n.type) ? undefined : registry.get(n.type);
    if (!spec) {
      placeholders[id] = { raw: n, ...lockOf(file, n.type) };
      out.warnings.push({
        code: 'FILE_UNKNOWN_PLUGIN',
        severity: 'warning',
        message: `plugin "${n.type}" is not installed: node "${id}" of block "${blockId}" kept as a placeholder (saved back unchanged)`,
        path: `${at}.nodes.${id}.type`,
      });
      continue;
    }
    // A bound param gets its value from the instance: it is checked with the block param's default.
    const resolved = resolveParams(spec.params, { ...(n.params ?? {}), ...boundDefaults(block, id, spec.params) });
    if (!resolved.ok) {
      for (const issue of resolved.issues) {
        out.errors.push(
          fileError('FILE_BAD_PARAM', `${at}.nodes.${id}.params.${issue.param}`, issue.message),
        );
      }
    }
  }
  const params: Record<string, BlockParam> = {};
  for (const [name, p] of Object.entries(block.params ?? {})) params[name] = p;
  return {
    ...(block.title === undefined ? {} : { title: block.title }),
    ...(block.doc === undefined ? {} : { doc: block.doc }),
    inputs: block.inputs,
    outputs: block.outputs,
    params,
    nodes,
    edges: buildEdges(block, at, out.errors),
    placeholders,
  };
}

/**
 * Builds the block definitions of a validated file.
 * @param tooNew - installed plugins the file needs a newer version of: their nodes stay as stored.
 */
export function buildBlocks(file: GraphFile, registry: Registry, tooNew: ReadonlySet<string>): BuiltBlocks {
  const out: BuiltBlocks = { blocks: {}, errors: [], warnings: [] };
  for (const [id, block] of Object.entries(file.blocks ?? {})) {
    out.blocks[id] = buildBlock(id, block, file, registry, tooNew, out);
  }
  return out;
}
