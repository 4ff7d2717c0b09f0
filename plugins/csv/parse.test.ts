/**
 * parseCsv on the cases RFC 4180 and real files bring (quoting, line ends, BOM, blank and
 * trailing lines), its errors (each names the line, counting the header, and the column), and a
 * large table. Pure: no tfjs.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvCached } from './parse.ts';

const rows = (text: string, target = '') => {
  const t = parseCsv(text, target, 'classification');
  const width = t.featureNames.length;
  return {
    features: Array.from({ length: t.rows }, (_, r) => Array.from(t.features.subarray(r * width, (r + 1) * width))),
    labels: Array.from(t.target, (id) => t.classes[id]),
  };
};

describe('parseCsv: RFC 4180 and real files', () => {
  it('reads quoted commas, doubled quotes and quoted line breaks', () => {
    const text = 'x,label\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,"crlf\r\ninside"\n';
    expect(rows(text).labels).toEqual(['a, b', 'say "hi"', 'two\nlines', 'crlf\r\ninside']);
    expect(rows(text).features).toEqual([[1], [2], [3], [4]]);
  });

  it('reads CRLF files, mixed line ends, a BOM, blank lines and no final line break', () => {
    const expected = { features: [[1, 2], [3, 4]], labels: ['p', 'q'] };
    expect(rows('a,b,y\r\n1,2,p\r\n3,4,"q"\r\n')).toEqual(expected);
    expect(rows('a,b,y\n1,2,p\r\n\n   \n3,4,q')).toEqual(expected);
    expect(rows('\ufeffa,b,y\n1,2,p\n3,4,q\n\n\n')).toEqual(expected);
    expect(parseCsv('\ufeffa,y\n1,p\n', '', 'classification').featureNames).toEqual(['a']);
  });

  it('trims fields and keeps the header names', () => {
    const t = parseCsv(' width , height ,kind\n 1 , 2 , big \n', 'kind', 'classification');
    expect(t.featureNames).toEqual(['width', 'height']);
    expect(t.targetName).toBe('kind');
    expect(t.classes).toEqual(['big']);
  });

  it('sorts classes (numerically when all are numbers) and gives regression targets as floats', () => {
    expect(parseCsv('x,y\n1,10\n2,9\n3,10\n4,-1\n', '', 'classification').classes).toEqual(['-1', '9', '10']);
    expect(Array.from(parseCsv('x,y\n1,10\n2,9\n3,10\n', '', 'classification').target)).toEqual([1, 0, 1]);
    const r = parseCsv('y,x\n0.5,1\n-2e3,2\n', 'y', 'regression');
    expect(r.target).toBeInstanceOf(Float32Array);
    expect(Array.from(r.target)).toEqual([0.5, -2000]);
    expect(Array.from(r.features)).toEqual([1, 2]);
  });
});

describe('parseCsv errors name the line and column', () => {
  const fails = (text: string, message: string, task: 'classification' | 'regression' = 'classification', target = ''): void => {
    expect(() => parseCsv(text, target, task)).toThrow(message);
  };

  it('for a value that is not a number, counting lines a quoted field spans', () => {
    fails('a,b\n1,2\n3,x\n', 'line 3, column "b": "x" is not a number', 'regression');
    fails('a,b,y\n1,,p\n', 'line 2, column "b": "" is not a number');
    fails('a,y\n1,"multi\nline"\n\nbad,q\n', 'line 5, column "a": "bad" is not a number');
    fails('\r\na,y\r\n1,p\r\n2x,q\r\n', 'line 4, column "a": "2x" is not a number');
  });

  it('for a record with too few or too many fields', () => {
    fails('a,b\n1,2\n3\n', 'line 3: expected 2 fields, found 1');
    fails('a,b\n1,2,3\n', 'line 2: expected 2 fields, found 3');
  });

  it('for broken quoting', () => {
    fails('a,b\n1,"2\n3,4\n', 'line 2: a quoted field is not closed (column "b")');
    fails('a,b\n1,2\n"3"x,4\n', 'line 3: a quoted field has characters after its closing quote (column "a")');
  });

  it('for the header and the target', () => {
    fails('', 'the CSV text is empty');
    fails('\n  \n', 'the CSV text is empty');
    fails('a,b\n', 'the CSV has a header but no data rows');
    fails('a\n1\n', 'line 1: need at least two columns');
    fails('a,a\n1,2\n', 'line 1: column "a" appears twice in the header');
    fails('\na,,b\n1,2,3\n', 'line 2: the header has an empty column name');
    fails('a,b\n1,2\n', 'target column "kind" is not in the header (a, b)', 'classification', 'kind');
  });
});

describe('parseCsv on a large table', () => {
  it('reads 200 000 rows into typed arrays of the exact size', () => {
    const n = 200_000;
    const lines = ['f1,f2,f3,label'];
    for (let i = 0; i < n; i++) lines.push(`${i},${i % 7},${(i * 0.5).toFixed(1)},${i % 3 === 0 ? 'a' : 'b'}`);
    const t = parseCsv(lines.join('\r\n'), '', 'classification');
    expect(t.rows).toBe(n);
    expect(t.features.length).toBe(n * 3);
    expect(t.target.length).toBe(n);
    expect(Array.from(t.features.subarray(3 * (n - 1)))).toEqual([n - 1, (n - 1) % 7, (n - 1) * 0.5]);
    expect(t.classes).toEqual(['a', 'b']);
    expect(t.target[n - 1]).toBe((n - 1) % 3 === 0 ? 0 : 1);
  });
});

describe('parseCsvCached', () => {
  it('parses again only when the text, target or task changes', () => {
    const text = 'x,y\n1,2\n';
    const first = parseCsvCached(text, '', 'classification');
    expect(parseCsvCached(['x,y', '1,2', ''].join('\n'), '', 'classification')).toBe(first);
    expect(parseCsvCached(text, '', 'regression')).not.toBe(first);
    expect(parseCsvCached(text, 'x', 'regression').targetName).toBe('x');
  });
});
