/**
 * A JSON scanner that bounds the *work* a text can cause, not only its length: it counts
 * elements while it reads, refuses duplicate object keys (`JSON.parse` keeps the last one
 * silently), and stops at the first budget it exceeds, naming the JSON path. Only when the
 * whole text passes is it handed to the native `JSON.parse`, so a hostile text costs one linear
 * scan and never builds a value tree.
 *
 * Iterative (an explicit stack), so deep nesting cannot overflow the call stack; a set of keys
 * is kept only for the objects still open.
 */
import { joinPath } from '../graph/json.ts';
import { JSON_NUMBER, JSON_STRING, matchAt, skipSpace } from './jsonTokens.ts';
import { locate, type TextLocation } from './parseJson.ts';

/** Budget on one top-level key of the document (`nodes`, `edges`, `meta`). */
export interface SectionBudget {
  /** Most direct children (object entries or array items) of the section. */
  readonly maxEntries?: number;
  /** Most values anywhere in the section, itself included. */
  readonly maxElements?: number;
  /** The code reported when `maxEntries` is exceeded. */
  readonly entriesCode?: string;
  /** What one entry is called in the message (`nodes`, `edges`). */
  readonly entriesName?: string;
}

/** Budgets of {@link parseBoundedJson}. */
export interface JsonBudgets {
  /** Most values (objects, arrays, strings, numbers, literals) in the whole text. */
  readonly maxElements: number;
  /** Deepest nesting; the top-level value is depth 0. */
  readonly maxDepth: number;
  /** Budgets per top-level key. */
  readonly sections?: Readonly<Record<string, SectionBudget>>;
}

/** Why a text was refused: a coded problem with the JSON path and the place in the text. */
export interface BoundedJsonProblem {
  readonly code: string;
  readonly message: string;
  /** JSON path of the offending part (`nodes.h1`), empty for the whole text. */
  readonly path: string;
  readonly location: TextLocation;
}

/** Result of {@link parseBoundedJson}. */
export type BoundedJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: BoundedJsonProblem };

interface Frame {
  readonly kind: 'object' | 'array';
  /** The key or index this container sits under in its parent. */
  readonly at: string | number | undefined;
  readonly keys: Set<string> | undefined;
  /** Index of the next array item, or the number of entries seen. */
  count: number;
  /** The key whose value is being read (objects). */
  key: string | undefined;
}

/** The JSON path of the value being read: the open containers, then the top one's key or index. */
function pathOf(stack: readonly Frame[], key?: string): string {
  let p = '';
  for (let i = 1; i < stack.length; i++) p = joinPath(p, stack[i]!.at!);
  const top = stack.at(-1);
  if (top === undefined) return p;
  const last = top.kind === 'array' ? (top.count > 0 ? top.count - 1 : undefined) : (key ?? top.key);
  return last === undefined ? p : joinPath(p, last);
}

function describeAt(text: string, at: number): string {
  return at >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[at])}`;
}

/**
 * Scans `text` within `budgets`; the first problem found, or `undefined` when the text is valid
 * JSON within every budget and has no duplicate key.
 */
export function scanJson(text: string, budgets: JsonBudgets): BoundedJsonProblem | undefined {
  const stack: Frame[] = [];
  let elements = 0;
  let section: string | undefined;
  let sectionElements = 0;
  const problem = (code: string, message: string, at: number, path: string): BoundedJsonProblem => ({
    code,
    message,
    path,
    location: locate(text, at),
  });
  const syntax = (at: number): BoundedJsonProblem => {
    const loc = locate(text, at);
    return {
      code: 'FILE_JSON_SYNTAX',
      message: `invalid JSON at line ${loc.line}, column ${loc.column}: ${describeAt(text, at)}`,
      path: pathOf(stack),
      location: loc,
    };
  };
  /** Counts one value starting at `at`; a problem when a budget is exceeded. */
  const countValue = (at: number): BoundedJsonProblem | undefined => {
    elements++;
    if (elements > budgets.maxElements) {
      return problem(
        'FILE_TOO_MANY_ELEMENTS',
        `${pathOf(stack) || 'file'}: the file holds more than ${budgets.maxElements.toLocaleString('en-US')} JSON values; the limit is ${budgets.maxElements.toLocaleString('en-US')}`,
        at,
        pathOf(stack),
      );
    }
    if (section === undefined) return undefined;
    const budget = budgets.sections?.[section];
    if (budget === undefined) return undefined;
    sectionElements++;
    if (budget.maxElements !== undefined && sectionElements > budget.maxElements) {
      const path = pathOf(stack);
      return problem(
        'FILE_SECTION_TOO_LARGE',
        `${path}: "${section}" holds more than ${budget.maxElements.toLocaleString('en-US')} JSON values; the limit is ${budget.maxElements.toLocaleString('en-US')}`,
        at,
        path,
      );
    }
    if (budget.maxEntries !== undefined && stack.length === 2 && stack[1]!.count > budget.maxEntries) {
      const name = budget.entriesName ?? 'entries';
      return problem(
        budget.entriesCode ?? 'FILE_SECTION_TOO_LARGE',
        `${section}: the file has more than ${budget.maxEntries.toLocaleString('en-US')} ${name}; the limit is ${budget.maxEntries.toLocaleString('en-US')}`,
        at,
        section,
      );
    }
    return undefined;
  };

  let i = skipSpace(text, 0);
  // 'value': a value is expected; 'after': a value just ended.
  let expect: 'value' | 'after' = 'value';
  for (;;) {
    i = skipSpace(text, i);
    if (expect === 'value') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.count++;
      const over = countValue(i);
      if (over) return over;
      const c = text.charCodeAt(i);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (stack.length > budgets.maxDepth) {
          const path = pathOf(stack);
          return problem(
            'FILE_BAD_VALUE',
            `${path || 'value'}: nested deeper than ${budgets.maxDepth} levels`,
            i,
            path,
          );
        }
        const at = top === undefined ? undefined : top.kind === 'array' ? top.count - 1 : top.key;
        stack.push({
          kind: c === 123 ? 'object' : 'array',
          at,
          keys: c === 123 ? new Set() : undefined,
          count: 0,
          key: undefined,
        });
        i = skipSpace(text, i + 1);
        const close = c === 123 ? 125 : 93;
        if (text.charCodeAt(i) === close) {
          stack.pop();
          i++;
          expect = 'after';
          if (stack.length === 1) section = undefined;
          continue;
        }
        if (c === 91) continue; // the first item
        const keyProblem = readKey();
        if (typeof keyProblem !== 'number') return keyProblem;
        i = keyProblem;
        continue;
      }
      let end: number;
      if (c === 34 /* " */) end = matchAt(JSON_STRING, text, i);
      else if (text.startsWith('true', i)) end = i + 4;
      else if (text.startsWith('false', i)) end = i + 5;
      else if (text.startsWith('null', i)) end = i + 4;
      else end = matchAt(JSON_NUMBER, text, i);
      if (end < 0) return syntax(i);
      i = end;
      expect = 'after';
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return i === text.length ? undefined : syntax(i);
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i = skipSpace(text, i + 1);
      if (top.kind === 'array') {
        expect = 'value';
        continue;
      }
      const next = readKey();
      if (typeof next !== 'number') return next;
      i = next;
      expect = 'value';
      continue;
    }
    if ((top.kind === 'object' && c === 125) || (top.kind === 'array' && c === 93)) {
      stack.pop();
      i++;
      if (stack.length === 1) section = undefined;
      continue;
    }
    return syntax(i);
  }

  /** Reads `"key":` at `i` in the top object; the offset after the colon, or a problem. */
  function readKey(): number | BoundedJsonProblem {
    const top = stack.at(-1)!;
    if (text.charCodeAt(i) !== 34) return syntax(i);
    const end = matchAt(JSON_STRING, text, i);
    if (end < 0) return syntax(i);
    const raw = text.slice(i + 1, end - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
    if (top.keys!.has(key)) {
      const path = pathOf(stack, key);
      return problem(
        'FILE_DUPLICATE_KEY',
        `${path}: the key "${key}" appears twice in the same object (JSON keeps only the last; remove or rename one)`,
        i,
        path,
      );
    }
    top.keys!.add(key);
    top.count++;
    top.key = key;
    if (stack.length === 1) {
      section = key;
      sectionElements = 0;
    }
    const colon = skipSpace(text, end);
    if (text.charCodeAt(colon) !== 58 /* : */) return syntax(colon);
    expect = 'value';
    return colon + 1;
  }
}

/**
 * Parses JSON text within `budgets`: {@link scanJson} first, then the native parser.
 * @returns the value, or the first problem (syntax, duplicate key, budget) with its JSON path.
 */
export function parseBoundedJson(text: string, budgets: JsonBudgets): BoundedJsonResult {
  const problem = scanJson(text, budgets);
  if (problem) return { ok: false, problem };
  return { ok: true, value: JSON.parse(text) as unknown };
}
