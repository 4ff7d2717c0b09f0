/**
 * docs/errors.md is the one list of error codes. These tests parse its tables and scan the
 * source tree for code literals, so a new code cannot ship undocumented, a documented code
 * cannot go stale, and every code keeps the AREA_WHAT spelling (the retired family with an E
 * and underscore prefix cannot come back).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Folders whose files may raise, test or describe codes. */
const SCANNED = ['runtime', 'cli', 'plugins', 'workers', 'editor', 'examples', 'test', 'bin'];
const SOURCE_EXT = /\.(ts|tsx|js|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/** The format every code follows. */
const CODE_FORMAT = /^[A-Z]+(_[A-Z0-9]+)+$/;

/** Upper-case string literals that are not error codes, with the reason. */
const NOT_CODES = new Map([
  ['BRANDES_KOEPF', 'an elkjs layout option value (editor/canvas)'],
  ['WASM_HAS_MULTITHREAD_SUPPORT', 'a tfjs environment flag (workers)'],
]);

const TOKEN = '[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+';
/**
 * A whole string literal (`'GRAPH_CYCLE'`) or a message that starts with a code
 * (`'GRAPH_CYCLE: …'`, also as a template). A whole backticked name is left out: TSDoc quotes
 * constants that way (`MAX_SHARED_BYTES`).
 */
const QUOTED = new RegExp(`(?:(['"])(${TOKEN})(?:\\1|:)|\`(${TOKEN}):)`, 'g');
/** A regular expression matching a code (`/^GRAPH_CYCLE/`, `/RUN_NOT_FOUND.*x/`). */
const IN_REGEXP = new RegExp(`/\\^?(${TOKEN})(?![A-Za-z0-9_])`, 'g');
/** A code prefix (`startsWith('PLUGIN_')`, `/^WEIGHTS_/`). */
const PREFIX = /(?:['"]|\/\^)([A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*)(?=['"/])/g;
/** Any literal in a code position, whatever its spelling (identifier-like values only: a `code` field may also hold module source). */
const IN_CODE_POSITION = /(?:\bcode\s*(?::|=(?!=))\s*|NetwrightError\(\s*)(['"`])([A-Za-z0-9_]*)\1/g;
/** The retired spelling: codes prefixed with an E and an underscore. */
const OLD_SPELLING = /(?<![A-Za-z0-9_])E_[A-Z][A-Z0-9_]*/g;

interface DocRow {
  readonly code: string;
  readonly area: string;
  readonly severity: string;
}

interface Use {
  readonly code: string;
  readonly where: string;
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, keep));
    else if (entry.isFile() && keep(entry.name)) out.push(path);
  }
  return out;
}

function scannedFiles(keep: (name: string) => boolean): string[] {
  return SCANNED.flatMap((dir) => filesUnder(join(root, dir), keep));
}

/** Every match of `re` (group `group`, when it took part) in `text`, with its file and line. */
function matches(text: string, file: string, re: RegExp, group: number): Use[] {
  const out: Use[] = [];
  for (const m of text.matchAll(re)) {
    const code = m[group];
    if (code === undefined) continue;
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ code, where: `${relative(root, file)}:${line}` });
  }
  return out;
}

/** The rows of the markdown table under heading `## title` whose first cell is a backticked name. */
function tableRows(docs: string, title: string): string[][] {
  const start = docs.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/errors.md has no "## ${title}" section`);
  const end = docs.indexOf('\n## ', start + 1);
  const section = docs.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

const docs = readFileSync(join(root, 'docs/errors.md'), 'utf8');
const areas = new Set(tableRows(docs, 'Areas').map((cells) => cells[0]!));
const rows: DocRow[] = tableRows(docs, 'All codes').map((cells) => ({
  code: cells[0]!,
  area: cells[1]!,
  severity: cells[2]!,
}));
const documented = new Set(rows.map((r) => r.code));

// Declaration files describe third-party APIs (papaparse's own error codes), not ours.
const sources = scannedFiles((name) => SOURCE_EXT.test(name) && !name.endsWith('.d.ts')).map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));
const literals = sources
  .flatMap(({ file, text }) => [
    ...matches(text, file, QUOTED, 2),
    ...matches(text, file, QUOTED, 3),
    ...matches(text, file, IN_REGEXP, 1),
  ])
  .filter((u) => !NOT_CODES.has(u.code));

describe('docs/errors.md', () => {
  it('lists every code once, in the AREA_WHAT format, under a listed area, with a severity', () => {
    expect(rows.length).toBeGreaterThan(80);
    const bad = rows.filter(
      (r) =>
        !CODE_FORMAT.test(r.code) ||
        !areas.has(r.area) ||
        !r.code.startsWith(`${r.area}_`) ||
        (r.severity !== 'error' && r.severity !== 'warning'),
    );
    expect(bad).toEqual([]);
    expect(rows.map((r) => r.code).filter((code, i, all) => all.indexOf(code) !== i)).toEqual([]);
  });

  it('lists no code that the source never uses', () => {
    const used = new Set(literals.map((u) => u.code));
    expect([...documented].filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('error codes in the source tree', () => {
  it('finds the codes of every layer (the scan is not blind)', () => {
    const areasSeen = new Set(literals.map((u) => u.code.split('_')[0]));
    for (const area of [
      'GRAPH',
      'FILE',
      'INFER',
      'COMPILE',
      'ENGINE',
      'TRAIN',
      'WEIGHTS',
      'PLUGIN',
      'WORKER',
      'RUN',
    ])
      expect(areasSeen).toContain(area);
    expect(sources.length).toBeGreaterThan(100);
  });

  it('uses only documented codes', () => {
    expect(literals.filter((u) => !documented.has(u.code)).map((u) => `${u.where}: ${u.code}`)).toEqual([]);
  });

  it('spells every literal in a code position AREA_WHAT', () => {
    const found = sources.flatMap(({ file, text }) => matches(text, file, IN_CODE_POSITION, 2));
    expect(found.length).toBeGreaterThan(50);
    expect(
      found
        .filter((u) => !CODE_FORMAT.test(u.code) || !documented.has(u.code))
        .map((u) => `${u.where}: '${u.code}'`),
    ).toEqual([]);
  });

  it('matches code prefixes only against documented codes', () => {
    const prefixes = sources.flatMap(({ file, text }) => matches(text, file, PREFIX, 1));
    const codes = [...documented];
    expect(
      prefixes
        .filter((u) => !codes.some((code) => code.startsWith(u.code)))
        .map((u) => `${u.where}: ${u.code}`),
    ).toEqual([]);
  });

  it('has no code in the retired E_ spelling, in code, READMEs or docs', () => {
    // docs/errors.md keeps the old names on purpose, in its table of renamed codes.
    const docsPages = filesUnder(join(root, 'docs'), (name) => name.endsWith('.md')).filter(
      (f) => f !== join(root, 'docs/errors.md'),
    );
    const files = [
      ...scannedFiles((name) => SOURCE_EXT.test(name) || name.endsWith('.md')),
      ...docsPages,
      join(root, 'README.md'),
    ];
    const old = files.flatMap((file) => matches(readFileSync(file, 'utf8'), file, OLD_SPELLING, 0));
    expect(old.map((u) => `${u.where}: ${u.code}`)).toEqual([]);
  });
});
