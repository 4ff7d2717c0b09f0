/**
 * Small block files over the fake test plugins (`src`, `lin`, `add`), shared by the block
 * tests: a residual block `res` (lin -> lin -> add with the block input) with an exposed
 * `width`, used by `stack` with `repeat` copies.
 */

interface Ref {
  node: string;
  port: string;
}

/** A stored node, loosely typed so tests can break it. */
export interface TestNode {
  type: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
}

/** A stored edge. */
export interface TestEdge {
  from: Ref;
  to: Ref;
}

/** A stored exposed param. */
export interface TestParam {
  kind: string;
  default: unknown;
  min?: number;
  max?: number;
  doc?: string;
  bind: { node: string; param: string }[];
}

/** A stored block definition, loosely typed so tests can break it. */
export interface TestBlock {
  title?: string;
  doc?: string;
  inputs: Record<string, Ref[]>;
  outputs: Record<string, Ref>;
  params?: Record<string, TestParam>;
  nodes: Record<string, TestNode>;
  edges?: TestEdge[];
}

/** A graph file object of format version 2. */
export interface TestFile {
  format: string;
  version: number;
  plugins: Record<string, { version: string; migration: number }>;
  meta: Record<string, unknown>;
  blocks: { res: TestBlock & { params: { width: TestParam } } } & Record<string, TestBlock>;
  nodes: Record<'s' | 'stack' | 'head', TestNode> & Record<string, TestNode>;
  edges: TestEdge[];
}

/** A residual block and an instance of it, as a graph file object (format version 2). */
export function residualFile(repeat = 3, width = 4): TestFile {
  return {
    format: 'netwright.graph',
    version: 2,
    plugins: {
      add: { version: '1.0.0', migration: 0 },
      lin: { version: '1.1.0', migration: 1 },
      src: { version: '1.0.0', migration: 0 },
    },
    meta: { title: 'residual stack' },
    blocks: {
      res: {
        title: 'Residual',
        doc: 'x + lin(lin(x))',
        inputs: {
          x: [
            { node: 'l1', port: 'x' },
            { node: 'sum', port: 'a' },
          ],
        },
        outputs: { y: { node: 'sum', port: 'y' } },
        params: {
          width: {
            kind: 'int',
            default: 4,
            min: 1,
            max: 4096,
            doc: 'Width of both layers.',
            bind: [
              { node: 'l1', param: 'units' },
              { node: 'l2', param: 'units' },
            ],
          },
        },
        nodes: {
          l1: { type: 'lin', params: {}, position: { x: 0, y: 0 } },
          l2: { type: 'lin', params: {}, position: { x: 200, y: 0 } },
          sum: { type: 'add', params: {}, position: { x: 400, y: 0 } },
        },
        edges: [
          { from: { node: 'l1', port: 'y' }, to: { node: 'l2', port: 'x' } },
          { from: { node: 'l2', port: 'y' }, to: { node: 'sum', port: 'b' } },
        ],
      },
    },
    nodes: {
      s: { type: 'src', params: { features: 4 }, position: { x: 0, y: 0 } },
      stack: { type: 'block', params: { block: 'res', repeat, width }, position: { x: 200, y: 0 } },
      head: { type: 'lin', params: { units: 2 }, position: { x: 400, y: 0 } },
    },
    edges: [
      { from: { node: 's', port: 'y' }, to: { node: 'stack', port: 'x' } },
      { from: { node: 'stack', port: 'y' }, to: { node: 'head', port: 'x' } },
    ],
  };
}

/**
 * The node paths of {@link residualFile}`(copies)` once flattened, in order: the source, each
 * copy's `l1`, `l2` and `sum`, the head.
 */
export function residualPaths(copies: number): string[] {
  const copy = (i: number) => ['l1', 'l2', 'sum'].map((n) => `stack/${i}/${n}`);
  return ['s', ...Array.from({ length: copies }, (_, i) => copy(i)).flat(), 'head'];
}

/** File text of a file object, as the canonical writer spells it. */
export function fileText(file: TestFile | Record<string, unknown>): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
