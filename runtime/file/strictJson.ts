/**
 * `JSON.parse` for everything else the project reads (weights, weight-file headers, fixtures):
 * the same scanner as graph files, without their element budgets, so a duplicate key is an
 * error naming its JSON path instead of a silent last-wins.
 */
import { parseBoundedJson, type BoundedJsonResult } from './boundedJson.ts';

/** Deepest nesting accepted in weights and fixtures (they are shallow records of arrays). */
const MAX_STRICT_DEPTH = 64;

/**
 * Parses JSON, refusing duplicate keys and nesting deeper than 64 levels.
 * @returns the value, or the problem with its JSON path and message (`FILE_DUPLICATE_KEY`,
 * `FILE_JSON_SYNTAX`, `FILE_BAD_VALUE`).
 */
export function parseStrictJson(text: string): BoundedJsonResult {
  return parseBoundedJson(text, { maxElements: Number.MAX_SAFE_INTEGER, maxDepth: MAX_STRICT_DEPTH });
}
