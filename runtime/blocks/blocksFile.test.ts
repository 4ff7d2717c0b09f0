import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { loadGraph, type LoadResult } from '../file/load.ts';
import { serializeGraph } from '../file/serialize.ts';
import type { GraphDoc } from '../graph/types.ts';
import { fileText, residualFile, type TestFile } from '../../test/support/blockFiles.ts';

const registry = testRegistry();

function docOf(r: LoadResult): GraphDoc {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

function errorsOf(file: TestFile): string[] {
  const r = loadGraph(fileText(file), registry);
  if (r.ok) throw new Error('expected the load to fail');
  return r.errors.map((e) => `${e.code} ${e.path ?? ''} ${e.message}`);
}

function edit(change: (f: TestFile) => void, repeat = 3): TestFile {
  const f = residualFile(repeat);
  change(f);
  return f;
}

describe('block files (format version 2)', () => {
  it('load and save byte for byte, definitions before the nodes', () => {
    const text = fileText(residualFile());
    const doc = docOf(loadGraph(text, registry));
    expect(Object.keys(doc.blocks ?? {})).toEqual(['res']);
    expect(doc.nodes.stack!.params).toEqual({ block: 'res', repeat: 3, width: 4 });
    expect(serializeGraph(doc, registry)).toBe(text);
  });

  it('opens a version-1 file unchanged and saves it as version 2, the same bytes on a second save', () => {
    const v1 = fileText({
      format: 'netwright.graph',
      version: 1,
      plugins: { lin: { version: '1.1.0', migration: 1 }, src: { version: '1.0.0', migration: 0 } },
      meta: {},
      nodes: {
        s: { type: 'src', params: {}, position: { x: 0, y: 0 } },
        d: { type: 'lin', params: { units: 3 }, position: { x: 1, y: 2 } },
      },
      edges: [{ from: { node: 's', port: 'y' }, to: { node: 'd', port: 'x' } }],
    });
    const first = serializeGraph(docOf(loadGraph(v1, registry)), registry);
    expect(first).toBe(v1.replace('"version": 1', '"version": 2'));
    expect(serializeGraph(docOf(loadGraph(first, registry)), registry)).toBe(first);
  });

  it('keeps nodes of missing plugins inside a block exactly as stored', () => {
    const f = edit((x) => {
      x.blocks.res.nodes.l2 = {
        type: 'acme.gone',
        params: { units: 9, weird: 'yes' },
        position: { x: 200, y: 0 },
      };
      x.plugins = { 'acme.gone': { version: '2.0.0', migration: 3 }, ...x.plugins };
    });
    const text = fileText(f);
    const r = loadGraph(text, registry);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['FILE_UNKNOWN_PLUGIN']);
    expect(serializeGraph(docOf(r), registry)).toBe(text);
  });

  it('refuses recursion, naming the cycle', () => {
    const f = edit((x) => {
      x.blocks.res.nodes.inner = { type: 'block', params: { block: 'other' }, position: { x: 0, y: 0 } };
      x.blocks.other = {
        inputs: {},
        outputs: {},
        nodes: { back: { type: 'block', params: { block: 'res' }, position: { x: 0, y: 0 } } },
      };
    });
    expect(errorsOf(f)).toContainEqual(
      expect.stringMatching(/^BLOCK_RECURSIVE blocks\.res block "res" contains itself: res › other › res/),
    );
  });

  it('refuses dangling ports of definitions and of instances', () => {
    const inner = edit((x) => {
      x.blocks.res.outputs.y = { node: 'nope', port: 'y' };
    });
    expect(errorsOf(inner)).toEqual([
      'BLOCK_DANGLING_PORT blocks.res.outputs.y.node block "res": output "y" comes from "nope.y", but the block has no node "nope"',
    ]);
    const outer = edit((x) => {
      x.edges[1]!.from.port = 'z';
    });
    expect(errorsOf(outer)[0]).toMatch(
      /^BLOCK_DANGLING_PORT nodes\.stack node "stack": an edge to "head\.x" leaves output "z", but block "res" has no such output \(outputs: y\)/,
    );
  });

  it('refuses repeat 0 and 10^9, saying the bound', () => {
    for (const repeat of [0, 1e9]) {
      expect(errorsOf(residualFile(repeat))[0]).toMatch(
        /^BLOCK_BAD_REPEAT nodes\.stack\.params\.repeat node "stack" \(block "res"\): param "repeat" must be (>= 1|<= 1024).*\(a repeat is 1 to 1024\)/,
      );
    }
  });

  it('refuses a repeat of a block without exactly one input and one output', () => {
    const f = edit((x) => {
      x.blocks.res.outputs.z = { node: 'l1', port: 'y' };
    });
    expect(errorsOf(f)[0]).toMatch(
      /^BLOCK_REPEAT_PORTS nodes\.stack\.params\.repeat node "stack": repeat 3 chains copies of block "res" output -> input, so the block needs exactly one input and one output \(it has 1 input and 2 outputs\)/,
    );
  });

  it('refuses exposed params bound to a missing inner node or param', () => {
    const f = edit((x) => {
      x.blocks.res.params.width.bind = [
        { node: 'l1', param: 'unitz' },
        { node: 'l9', param: 'units' },
      ];
    });
    expect(errorsOf(f)).toEqual([
      'BLOCK_BAD_BINDING blocks.res.params.width.bind[0].param block "res": param "width" is bound to "l1.unitz", but node "l1" (lin) has no param "unitz"',
      'BLOCK_BAD_BINDING blocks.res.params.width.bind[1].node block "res": param "width" is bound to "l9.units", but the block has no node "l9"',
    ]);
  });

  it('refuses unknown blocks and bad exposed values on instances', () => {
    expect(errorsOf(edit((x) => (x.nodes.stack.params.block = 'ghost')))[0]).toMatch(
      /^BLOCK_UNKNOWN nodes\.stack\.params\.block node "stack": uses block "ghost", which this file does not define/,
    );
    expect(errorsOf(edit((x) => (x.nodes.stack.params.width = 0)))[0]).toMatch(
      /^BLOCK_BAD_PARAM nodes\.stack\.params\.width node "stack" \(block "res"\): param "width" must be >= 1/,
    );
    expect(errorsOf(edit((x) => (x.nodes.stack.params.colour = 'red')))[0]).toMatch(/unknown param "colour"/);
  });

  it('refuses a graph whose flattening exceeds the node limit', () => {
    const f = edit((x) => {
      x.blocks.wide = {
        inputs: { x: [{ node: 'r', port: 'x' }] },
        outputs: { y: { node: 'r', port: 'y' } },
        nodes: { r: { type: 'block', params: { block: 'res', repeat: 1000 }, position: { x: 0, y: 0 } } },
      };
      x.nodes.stack.params = { block: 'wide', repeat: 1000 };
    });
    expect(errorsOf(f)[0]).toMatch(
      /^BLOCK_TOO_LARGE nodes flattening every block instance gives 3000002 nodes; the limit is 20000/,
    );
  });
});
