import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import { scanJson } from './boundedJson.ts';
import { MAX_FILE_ELEMENTS, MAX_META_ELEMENTS } from './budgets.ts';
import { decodeUtf8 } from './encoding.ts';
import { GRAPH_FORMAT_VERSION } from './limits.ts';
import { loadGraph } from './load.ts';

const registry = testRegistry();
const HEAD = `{"format": "netwright.graph", "version": ${GRAPH_FORMAT_VERSION}`;
const NODE = '{"type": "src", "position": {"x": 0, "y": 0}}';

function firstError(text: string): Diagnostic {
  const r = loadGraph(text, registry);
  if (r.ok) throw new Error('expected the load to fail');
  return r.errors[0]!;
}

describe('graph file budgets, checked while parsing', () => {
  it('refuses a meta of many tiny values at its budget, naming the path', () => {
    // 300,000 empty objects: 2 MB of text, far below the size limit.
    const text = `${HEAD}, "nodes": {}, "meta": {"junk": [${Array(300_000).fill('{}').join(',')}]}}`;
    const e = firstError(text);
    expect(e.code).toBe('FILE_SECTION_TOO_LARGE');
    expect(e.path).toBe(`meta.junk[${MAX_META_ELEMENTS - 2}]`);
    expect(e.message).toContain('"meta" holds more than 50,000 JSON values');
  });

  it('refuses a file with more values than the element budget', () => {
    const zeros = Array(MAX_FILE_ELEMENTS).fill('0').join(',');
    const e = firstError(
      `${HEAD}, "nodes": {"s": {"type": "src", "position": {"x": 0, "y": 0}, "data": {"z": [${zeros}]}}}}`,
    );
    expect(e.code).toBe('FILE_TOO_MANY_ELEMENTS');
    expect(e.path).toMatch(/^nodes\.s\.data\.z\[\d+\]$/);
  });

  it('refuses duplicate keys anywhere, naming the path (JSON.parse would keep the last)', () => {
    const twoNodes = `${HEAD}, "nodes": {"h1": ${NODE}, "h1": ${NODE}}}`;
    expect(firstError(twoNodes)).toMatchObject({ code: 'FILE_DUPLICATE_KEY', path: 'nodes.h1' });
    const escaped = `${HEAD}, "nodes": {"h1": ${NODE}, "\\u00681": ${NODE}}}`;
    expect(firstError(escaped)).toMatchObject({ code: 'FILE_DUPLICATE_KEY', path: 'nodes.h1' });
    const param = `${HEAD}, "nodes": {"d": {"type": "lin", "params": {"units": 2, "units": 3}, "position": {"x": 0, "y": 0}}}}`;
    expect(firstError(param)).toMatchObject({ code: 'FILE_DUPLICATE_KEY', path: 'nodes.d.params.units' });
    const edge = `${HEAD}, "nodes": {}, "edges": [{"from": {"node": "a", "port": "y", "node": "b"}}]}`;
    expect(firstError(edge)).toMatchObject({ code: 'FILE_DUPLICATE_KEY', path: 'edges[0].from.node' });
  });

  it('keeps the node and edge limits, stopping at the first one over', () => {
    const nodes = Array.from({ length: 20_001 }, (_, i) => `"n${i}": ${NODE}`).join(',');
    expect(firstError(`${HEAD}, "nodes": {${nodes}}}`)).toMatchObject({
      code: 'FILE_TOO_MANY_NODES',
      path: 'nodes',
    });
  });

  it('still gives line and column for syntax errors', () => {
    const e = firstError('{\n  "format": "netwright.graph",\n  "nodes": {,}\n}');
    expect(e.code).toBe('FILE_JSON_SYNTAX');
    expect(e.message).toBe('invalid JSON at line 3, column 13: unexpected ","');
  });

  it('accepts what JSON.parse accepts, without duplicates', () => {
    for (const ok of [
      '{}',
      '[]',
      ' [1, -2.5e3, "a\\"b", true, false, null, {"a": {}}] ',
      '{"a": [], "b": {"a": 1}}',
    ])
      expect(scanJson(ok, { maxElements: 100, maxDepth: 10 })).toBeUndefined();
    for (const bad of ['', '{', '[1,]', '{"a" 1}', '{"a":1,}', '01', '[1] x'])
      expect(scanJson(bad, { maxElements: 100, maxDepth: 10 })?.code).toBe('FILE_JSON_SYNTAX');
  });
});

describe('encodings named', () => {
  it('names a byte-order mark, UTF-16 and invalid UTF-8', () => {
    expect(firstError(`\ufeff${HEAD}, "nodes": {}}`).message).toContain('byte-order mark');
    expect(firstError(`${HEAD}, "nodes": {}}`.split('').join('\u0000')).message).toContain('UTF-16');
    const bom = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(bom.ok ? '' : bom.problem.message).toContain('UTF-8 byte-order mark');
    const utf16 = decodeUtf8(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]));
    expect(utf16.ok ? '' : utf16.problem.message).toContain('UTF-16 (byte-order mark FF FE)');
    const invalid = decodeUtf8(new Uint8Array([0x7b, 0x22, 0x61, 0xc3, 0x28, 0x22, 0x7d]));
    expect(invalid.ok ? '' : invalid.problem.message).toContain(
      'not valid UTF-8 (first bad byte at offset 3)',
    );
    const fine = decodeUtf8(new Uint8Array([0x22, 0xc3, 0xa9, 0x22]));
    expect(fine).toEqual({ ok: true, text: '"é"' });
  });
});
