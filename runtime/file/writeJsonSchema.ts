/**
 * Script (`npm run schema`, from the repository root): writes `schema/graph.schema.json`.
 * Running it is its only purpose, so it has no exports; tests import `jsonSchema.ts` instead.
 */
import { jsonSchemaText, SCHEMA_PATH } from './jsonSchema.ts';

interface FsLike {
  writeFileSync(path: string, text: string): void;
  writeSync(fd: number, text: string): number;
}

// Imported through a variable: runtime/ is type-checked without Node's types (it must run in
// browsers); this script is the one place in runtime/file that touches the file system.
const fsModule = 'node:fs';
const fs = (await import(fsModule)) as FsLike;
fs.writeFileSync(SCHEMA_PATH, jsonSchemaText());
fs.writeSync(1, `wrote ${SCHEMA_PATH}\n`);
