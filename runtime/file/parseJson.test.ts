import { describe, expect, it } from 'vitest';
import { findSyntaxError, parseJson } from './parseJson.ts';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2.5e3, "x\\n", true, null]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, 'x\n', true, null] },
    });
  });

  it.each([
    ['{"a": 1,}', 1, 9],
    ['{\n  "a": [1 2]\n}', 2, 11],
    ['{"a": tru}', 1, 7],
    ['{"a":\n', 2, 1],
    ['{"a": 1} x', 1, 10],
    ['[01]', 1, 3],
    ['{"a" 1}', 1, 6],
    ['"tab\there"', 1, 1],
  ])('locates the error in %j at line %i, column %i', (text, line, column) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.location).toMatchObject({ line, column });
  });

  it('finds no error in valid text and survives deep nesting', () => {
    expect(findSyntaxError('{"a": {"b": [[], {}, [1, {"c": -0.5}]]}}')).toBe(-1);
    const deep = '['.repeat(200_000);
    expect(findSyntaxError(deep)).toBe(200_000);
  });
});
