/**
 * The graph file schema (envelope version 2: version 1 plus `blocks`), strict: unknown keys are errors. The published
 * JSON Schema (`schema/graph.schema.json`) is generated from it, so both always agree.
 *
 * These are on-disk types, kept apart from the in-memory `GraphDoc` on purpose: the file keys
 * nodes by id and derives edge ids, the document stores both.
 */
import { z } from 'zod';
import { MAX_LABEL_LENGTH } from '../graph/commands.ts';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from './limits.ts';

// The patterns repeat the rules of `graph/ids.ts` and `definePlugin` in a form JSON Schema
// understands (no code), with the reserved names excluded by look-ahead.
const NODE_ID = /^(?!(?:constructor|prototype)$)[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const NAME = /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PLUGIN_ID = /^[a-z][a-zA-Z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

const nodeId = z.string().regex(NODE_ID, {
  error: 'node ids start with a letter and hold only letters, digits, "_" or "-" (64 at most)',
});
const name = z
  .string()
  .regex(NAME, { error: 'names start with a letter or "_" and hold only letters, digits or "_"' });
const pluginId = z.string().regex(PLUGIN_ID, { error: 'plugin ids look like "dense" or "acme.myLayer"' });

const jsonValue = z.json().meta({ id: 'JsonValue', description: 'Any JSON value (finite numbers only).' });

const paramValue = z
  .union([z.number(), z.boolean(), z.string(), z.array(z.number())], {
    error: 'a param value must be a number, true/false, text or a list of numbers',
  })
  .meta({ id: 'ParamValue' });

const portRef = z
  .strictObject({ node: nodeId, port: name })
  .meta({ id: 'PortRef', description: 'One end of an edge: a node id and one of its ports, by name.' });

/** Schema of one stored node. */
export const fileNodeSchema = z
  .strictObject({
    type: pluginId.describe('Plugin id.'),
    params: z
      .record(name, paramValue)
      .optional()
      .describe('Params by name; absent ones take their defaults.'),
    position: z.strictObject({ x: z.number(), y: z.number() }).describe('Canvas position.'),
    label: z.string().max(MAX_LABEL_LENGTH).optional(),
    data: z.record(z.string(), jsonValue).optional().describe('Data the plugin saves besides params.'),
  })
  .meta({ id: 'Node' });

/** Schema of one stored edge. */
export const fileEdgeSchema = z
  .strictObject({ from: portRef, to: portRef })
  .meta({ id: 'Edge', description: 'A link from an output port to an input port.' });

/** Schema of one plugin lock entry. */
export const lockEntrySchema = z
  .strictObject({
    version: z.string().regex(SEMVER, { error: 'must be a semver version like "1.2.0"' }),
    migration: z.int().min(0).describe('Length of the plugin migration sequence the nodes are at.'),
  })
  .meta({ id: 'PluginLock' });

/** Schema of one exposed param of a block. */
export const blockParamSchema = z
  .strictObject({
    kind: z.enum(['int', 'float', 'bool', 'enum', 'text']),
    default: paramValue,
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(z.string()).optional().describe('The choices of an enum param.'),
    doc: z.string().max(MAX_LABEL_LENGTH).optional(),
    bind: z
      .array(z.strictObject({ node: nodeId, param: name }))
      .describe('The inner params it sets: an inner node id and one of its params.'),
  })
  .meta({ id: 'BlockParam', description: 'A param of a block, set per instance.' });

/** Schema of one block definition. */
export const blockSchema = z
  .strictObject({
    title: z.string().max(MAX_LABEL_LENGTH).optional(),
    doc: z.string().optional(),
    inputs: z
      .record(name, z.array(portRef))
      .describe('Input port name -> the inner input ports it feeds.'),
    outputs: z.record(name, portRef).describe('Output port name -> the inner output port it gives.'),
    params: z.record(name, blockParamSchema).optional().describe('Exposed params by name.'),
    nodes: z.record(nodeId, fileNodeSchema).describe('Inner nodes by id.'),
    edges: z.array(fileEdgeSchema).optional(),
  })
  .meta({ id: 'Block', description: 'A reusable sub-graph; instances are nodes of type "block".' });

/** Schema of a whole graph file. */
export const graphFileSchema = z
  .strictObject({
    format: z.literal(GRAPH_FORMAT),
    version: z.literal(GRAPH_FORMAT_VERSION),
    plugins: z.record(pluginId, lockEntrySchema).optional().describe('Lock: every plugin used, by id.'),
    meta: z
      .looseObject({ title: z.string().optional(), description: z.string().optional() })
      .catchall(jsonValue)
      .optional()
      .describe('Free-form document metadata.'),
    nodes: z.record(nodeId, fileNodeSchema).describe('Nodes by id, in document order.'),
    edges: z.array(fileEdgeSchema).optional(),
    blocks: z.record(nodeId, blockSchema).optional().describe('Block definitions by id.'),
  })
  .meta({
    title: 'Netwright graph file',
    description: 'A neural-network graph saved by Netwright (*.graph.json), envelope version 2.',
  });

/** A graph file as validated (on-disk shape). */
export type GraphFile = z.infer<typeof graphFileSchema>;

/** A stored block definition as validated. */
export type FileBlock = z.infer<typeof blockSchema>;

/** A stored node as validated. */
export type FileNode = z.infer<typeof fileNodeSchema>;

/** The JSON Schema of graph files (draft 2020-12), as published in `schema/graph.schema.json`. */
export function graphJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(graphFileSchema, { target: 'draft-2020-12' });
}
