/**
 * JSON parsing with a line and column for syntax errors. `JSON.parse` messages differ between
 * engines and often carry no position, so the position comes from a small scanner of our own
 * that runs only after `JSON.parse` has failed.
 */
import { errorMessage } from '../sdk/errors.ts';
import { JSON_NUMBER, JSON_STRING, matchAt, skipSpace } from './jsonTokens.ts';

/** Where a syntax error is: 1-based line and column, 0-based offset. */
export interface TextLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Result of {@link parseJson}. */
export type ParseJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly location: TextLocation };

/** The 1-based line and column of an offset in a text. */
export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: end - lineStart + 1 };
}

/** Scans a scalar value (string, number, literal) at `at`; returns its end or -1. */
function scanScalar(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return matchAt(JSON_STRING, text, at);
  for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, at)) return at + lit.length;
  return matchAt(JSON_NUMBER, text, at);
}

/**
 * The offset of the first JSON syntax error in `text`, or -1 when there is none. Iterative (an
 * explicit stack), so deeply nested input cannot overflow the call stack.
 */
export function findSyntaxError(text: string): number {
  const stack: ('{' | '[')[] = [];
  let i = skipSpace(text, 0);
  // 'value': a value is expected next; 'key': an object key and its colon; 'after': a value just ended.
  let expect: 'value' | 'key' | 'after' | 'key-or-end' | 'value-or-end' = 'value';
  for (;;) {
    i = skipSpace(text, i);
    if (expect === 'key-or-end' || expect === 'value-or-end') {
      const close = expect === 'key-or-end' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        expect = 'after';
        continue;
      }
      expect = expect === 'key-or-end' ? 'key' : 'value';
      continue;
    }
    if (expect === 'key') {
      const end = text[i] === '"' ? matchAt(JSON_STRING, text, i) : -1;
      if (end < 0) return i;
      i = skipSpace(text, end);
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        expect = c === '{' ? 'key-or-end' : 'value-or-end';
        continue;
      }
      const end = scanScalar(text, i);
      if (end < 0) return i;
      i = end;
      expect = 'after';
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return i === text.length ? -1 : i;
    const c = text[i];
    if (c === ',') {
      i++;
      expect = top === '{' ? 'key' : 'value';
      continue;
    }
    if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}

/** Parses JSON text; on a syntax error, says where it is. */
export function parseJson(text: string): ParseJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = errorMessage(e);
    let offset = findSyntaxError(text);
    if (offset < 0) offset = Number(/position (\d+)/.exec(raw)?.[1] ?? 0);
    const location = locate(text, offset);
    const what =
      offset >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[offset])}`;
    return {
      ok: false,
      message: `invalid JSON at line ${location.line}, column ${location.column}: ${what}`,
      location,
    };
  }
}
