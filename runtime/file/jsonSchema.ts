/**
 * The published JSON Schema of graph files, `schema/graph.schema.json`, generated from the zod
 * schema so the two never disagree. `npm run schema` writes it (see `writeJsonSchema.ts`).
 */
import { graphJsonSchema } from './schema.ts';

/** Path of the published schema, relative to the repository root. */
export const SCHEMA_PATH = 'schema/graph.schema.json';

/** The exact text of the published schema file. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(graphJsonSchema(), null, 2)}\n`;
}
