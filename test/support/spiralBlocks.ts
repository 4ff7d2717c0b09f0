/**
 * The one-layer block the two-spirals block tests put in place of the example's second hidden
 * layer (the CLI's and the editor's block tests share it).
 */
import type { TestBlock } from './blockFiles.ts';

/** A block `layer`: one `dense` (relu, bias) whose `units` is the exposed `width` (default 32). */
export function hiddenLayerBlock(): TestBlock {
  return {
    title: 'Hidden layer',
    inputs: { x: [{ node: 'd', port: 'x' }] },
    outputs: { y: { node: 'd', port: 'y' } },
    params: {
      width: { kind: 'int', default: 32, min: 1, max: 1024, bind: [{ node: 'd', param: 'units' }] },
    },
    nodes: {
      d: { type: 'dense', params: { useBias: true, activation: 'relu' }, position: { x: 0, y: 0 } },
    },
    edges: [],
  };
}
