import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SCHEMA_PATH } from './jsonSchema.ts';

describe('published JSON Schema', () => {
  it('equals the schema generated from zod (run `npm run schema` after changing the format)', () => {
    const committed = readFileSync(new URL(`../../${SCHEMA_PATH}`, import.meta.url), 'utf8');
    expect(committed).toBe(jsonSchemaText());
  });

  it('is strict about unknown keys', () => {
    const schema = JSON.parse(jsonSchemaText()) as {
      additionalProperties: boolean;
      $defs: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$defs.Node!.additionalProperties).toBe(false);
  });
});
