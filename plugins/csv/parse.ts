/**
 * CSV parsing for the `csv` data plugin: records and quoting by `papaparse` (RFC 4180: quoted
 * commas, doubled quotes, quoted line breaks, CRLF), numbers and classes here. Pure (no tfjs),
 * shared by the spec's `infer` (so errors show on the node while editing) and the lowering.
 * Errors name the line (1-based, counting the header) and the column.
 *
 * The table arrives as one string (the node's `text` param, kept in the graph). It is parsed
 * row by row with papaparse's `step` callback straight into growing typed arrays, so no array of
 * lines or of rows is built beside the text.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient module types (see that file), which an import cannot load; the reference brings them into every program that reaches this file
/// <reference path="./papaparse.d.ts" />
import Papa, { type ParseError } from 'papaparse';

/** A parsed table: feature matrix and target column. */
export interface CsvTable {
  readonly featureNames: readonly string[];
  readonly targetName: string;
  /** Row-major, rows × featureNames.length. */
  readonly features: Float32Array;
  readonly rows: number;
  /** Regression: the numbers. Classification: class ids into `classes`. */
  readonly target: Float32Array | Int32Array;
  /** Classification: the distinct target values, in id order (sorted; numerically if all numbers). */
  readonly classes: readonly string[];
}

/** A typed array that doubles when full. */
class Growing<A extends Float32Array | Int32Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(64, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** The values, in an array of their exact size. */
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/** The 1-based line of `text` that character `at` is on. */
function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `s` as a number; `line` is only worked out for the error. */
function parseNumber(s: string, line: () => number, column: string): number {
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new Error(`line ${line()}, column "${column}": "${s.slice(0, 40)}" is not a number`);
  return v;
}

function checkHeader(names: readonly string[], line: number): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') throw new Error(`line ${line}: the header has an empty column name`);
    if (seen.has(n)) throw new Error(`line ${line}: column "${n}" appears twice in the header`);
    seen.add(n);
  }
  if (names.length < 2) throw new Error(`line ${line}: need at least two columns (features and a target)`);
}

/** The error of a record papaparse could not read, or undefined. */
function quoteError(errors: readonly ParseError[], fields: number, names: readonly string[] | undefined, line: number): Error | undefined {
  const column = names?.[fields - 1] === undefined ? '' : ` (column "${names[fields - 1]!}")`;
  if (errors.some((e) => e.code === 'InvalidQuotes'))
    return new Error(`line ${line}: a quoted field has characters after its closing quote${column}`);
  if (errors.some((e) => e.code === 'MissingQuotes')) return new Error(`line ${line}: a quoted field is not closed${column}`);
  const other = errors[0];
  return other ? new Error(`line ${line}: ${other.message}`) : undefined;
}

/** Class ids in sorted order (numerically if every value is a number) for first-seen ids. */
function sortClasses(firstSeen: readonly string[], ids: Int32Array): string[] {
  const numeric = firstSeen.every((c) => c !== '' && Number.isFinite(Number(c)));
  const sorted = [...firstSeen].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  const rank = new Map(sorted.map((c, i) => [c, i]));
  const remap = Int32Array.from(firstSeen, (c) => rank.get(c)!);
  for (let i = 0; i < ids.length; i++) ids[i] = remap[ids[i]!]!;
  return sorted;
}

/**
 * Parses CSV text with a header row. Every column but the target is a numeric feature. Fields
 * are trimmed; blank lines, a byte-order mark and a final line break are ignored.
 * @param target - the target column's name; empty means the last column.
 * @throws Error naming the line (1-based, counting the header) and column of the problem.
 */
export function parseCsv(text: string, target: string, task: 'classification' | 'regression'): CsvTable {
  // Papa strips a BOM too; stripping it here keeps its cursor in this string's coordinates.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let names: string[] | undefined;
  let targetName = '';
  let ti = -1;
  let rows = 0;
  let rowStart = 0;
  const features = new Growing(new Float32Array(0), (n) => new Float32Array(n));
  const regression = new Growing(new Float32Array(0), (n) => new Float32Array(n));
  const classIds = new Growing(new Int32Array(0), (n) => new Int32Array(n));
  const classOf = new Map<string, number>();

  Papa.parse<string[]>(input, {
    delimiter: ',',
    // '\n' splits CRLF files too (the '\r' is trimmed with the field) and mixed line ends.
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step({ data, errors, meta }) {
      const start = rowStart;
      rowStart = meta.cursor;
      const line = (): number => lineAt(input, start);
      const problem = quoteError(errors, data.length, names, errors.length > 0 ? line() : 0);
      if (problem) throw problem;
      if (data.length === 1 && data[0]!.trim() === '') return;
      const cells = data.map((c) => c.trim());
      if (!names) {
        checkHeader(cells, line());
        names = cells;
        targetName = target === '' ? cells[cells.length - 1]! : target;
        ti = cells.indexOf(targetName);
        if (ti < 0) throw new Error(`target column "${targetName}" is not in the header (${cells.join(', ')})`);
        return;
      }
      const header = names;
      if (cells.length !== header.length) throw new Error(`line ${line()}: expected ${header.length} fields, found ${cells.length}`);
      cells.forEach((c, i) => {
        if (i !== ti) features.push(parseNumber(c, line, header[i]!));
        else if (task === 'regression') regression.push(parseNumber(c, line, targetName));
        else {
          if (!classOf.has(c)) classOf.set(c, classOf.size);
          classIds.push(classOf.get(c)!);
        }
      });
      rows++;
    },
  });

  if (!names) throw new Error('the CSV text is empty: paste or upload a file with a header row');
  if (rows === 0) throw new Error('the CSV has a header but no data rows');
  const featureNames = names.filter((_, i) => i !== ti);
  const common = { featureNames, targetName, features: features.done(), rows };
  if (task === 'regression') return { ...common, target: regression.done(), classes: [] };
  const ids = classIds.done();
  return { ...common, target: ids, classes: sortClasses([...classOf.keys()], ids) };
}

let cache: { text: string; target: string; task: string; table: CsvTable } | undefined;

/**
 * {@link parseCsv} with a one-entry cache: `infer` runs on every edit of any node. The key's
 * parts are compared one by one, so a large text is not copied into a key string.
 */
export function parseCsvCached(text: string, target: string, task: 'classification' | 'regression'): CsvTable {
  if (cache?.text !== text || cache.target !== target || cache.task !== task)
    cache = { text, target, task, table: parseCsv(text, target, task) };
  return cache.table;
}
