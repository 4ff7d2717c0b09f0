/**
 * Public index of the framework-free runtime: the plugin SDK, the graph document with its
 * commands and undo history, graph files, shape inference and the compiler. Nothing here
 * imports tfjs, React or the DOM; the executable half lives in `runtime/exec`.
 */
export * from './sdk/index.ts';

export * from './graph/types.ts';
export {
  checkName,
  checkNodeId,
  edgeId,
  freshNodeId,
  idPrefix,
  parseEdgeId,
  NAME_PATTERN,
  NODE_ID_PATTERN,
  RESERVED_KEYS,
} from './graph/ids.ts';
export { cloneJson, findJsonProblem, MAX_JSON_DEPTH, type JsonProblem } from './graph/json.ts';
export { defineCommand, type CommandResult, type DocDraft, type GraphCommand } from './graph/command.ts';
export * from './graph/commands.ts';
export * from './graph/paste.ts';
export * from './graph/history.ts';
export * from './graph/topo.ts';
export * from './graph/placeholders.ts';

export * from './file/limits.ts';
export { loadGraph, type LoadOptions, type LoadResult } from './file/load.ts';
export { pluginLock, serializeGraph } from './file/serialize.ts';
export { ENVELOPE_MIGRATIONS, type EnvelopeMigration } from './file/migrate.ts';
export { graphFileSchema, graphJsonSchema, type FileNode, type GraphFile } from './file/schema.ts';
export { jsonSchemaText, SCHEMA_PATH } from './file/jsonSchema.ts';
export { parseJson, type ParseJsonResult, type TextLocation } from './file/parseJson.ts';

export * from './infer/inferGraph.ts';
export type { NodeInference, NodeOutcome } from './infer/inferNode.ts';

export * from './compile/plan.ts';
export * from './compile/compile.ts';
export { sha256Hex } from './compile/hash.ts';
export { canonicalJson } from './compile/canonicalJson.ts';
