/**
 * CSV parsing for the `csv` data plugin. Pure (no tfjs), shared by the spec's `infer` (so
 * errors show on the node while editing) and the lowering. Errors name the line and column.
 */

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

/** Splits one line into fields; double quotes group commas and `""` is a literal quote. */
export function splitCsvLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error(`line ${lineNo}: a quoted field is not closed`);
  out.push(field.trim());
  return out;
}

function parseNumber(s: string, lineNo: number, column: string): number {
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v))
    throw new Error(`line ${lineNo}, column "${column}": "${s.slice(0, 40)}" is not a number`);
  return v;
}

/**
 * Parses CSV text with a header row. Every column but the target is a numeric feature.
 * @param target - the target column's name; empty means the last column.
 * @throws Error naming the line (1-based, counting the header) and column of the problem.
 */
export function parseCsv(text: string, target: string, task: 'classification' | 'regression'): CsvTable {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => l.trim() !== '');
  const header = lines[0];
  if (!header) throw new Error('the CSV text is empty: paste or upload a file with a header row');
  const names = splitCsvLine(header.l, header.n);
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') throw new Error(`line ${header.n}: the header has an empty column name`);
    if (seen.has(n)) throw new Error(`line ${header.n}: column "${n}" appears twice in the header`);
    seen.add(n);
  }
  if (names.length < 2)
    throw new Error(`line ${header.n}: need at least two columns (features and a target)`);
  const targetName = target === '' ? names[names.length - 1]! : target;
  const ti = names.indexOf(targetName);
  if (ti < 0) throw new Error(`target column "${targetName}" is not in the header (${names.join(', ')})`);
  const featureNames = names.filter((_, i) => i !== ti);
  const body = lines.slice(1);
  if (body.length === 0) throw new Error('the CSV has a header but no data rows');
  const features = new Float32Array(body.length * featureNames.length);
  const raw: string[] = [];
  body.forEach(({ l, n }, r) => {
    const cells = splitCsvLine(l, n);
    if (cells.length !== names.length)
      throw new Error(`line ${n}: expected ${names.length} fields, found ${cells.length}`);
    let f = 0;
    cells.forEach((c, i) => {
      if (i === ti) raw.push(c);
      else features[r * featureNames.length + f++] = parseNumber(c, n, names[i]!);
    });
  });
  if (task === 'regression') {
    const t = Float32Array.from(raw, (c, r) => parseNumber(c, body[r]!.n, targetName));
    return { featureNames, targetName, features, rows: body.length, target: t, classes: [] };
  }
  const distinct = [...new Set(raw)];
  const numeric = distinct.every((c) => c !== '' && Number.isFinite(Number(c)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  const ids = new Map(distinct.map((c, i) => [c, i]));
  return {
    featureNames,
    targetName,
    features,
    rows: body.length,
    target: Int32Array.from(raw, (c) => ids.get(c)!),
    classes: distinct,
  };
}

let cache: { key: string; table: CsvTable } | undefined;

/** {@link parseCsv} with a one-entry cache: `infer` runs on every edit of any node. */
export function parseCsvCached(
  text: string,
  target: string,
  task: 'classification' | 'regression',
): CsvTable {
  const key = `${task}\u0000${target}\u0000${text}`;
  if (cache?.key !== key) cache = { key, table: parseCsv(text, target, task) };
  return cache.table;
}
