/**
 * Inference cost while editing (not a test): full inference of a generated 1,000-node graph,
 * then the incremental re-inference after one param edit (what the editor does per edit), and
 * after a move (should be free). Target: under 16 ms (one frame) per edit at 1,000 nodes.
 * Run: npx tsx bench/inference.bench.ts
 */
import { loadavg } from 'node:os';
import { builtinRegistry } from '../plugins/index.ts';
import { createEditorStore } from '../editor/model/editorStore.ts';
import { generateChainGraph } from '../test/support/graphs.ts';
import { moveNodes, setNodeParam } from '../editor/model/graphActions.ts';
import { inferGraph } from '../runtime/infer/inferGraph.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const registry = builtinRegistry();
// The machine is shared: report its load so numbers from a busy run are read as such.
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const n of [1000, 2000]) {
  const doc = generateChainGraph({ nodes: n });
  const full: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    inferGraph(doc, registry);
    full.push(performance.now() - t);
  }
  const store = createEditorStore(registry, doc);
  const errors = store.getState().report.errorCount;
  const edit: number[] = [];
  const move: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    setNodeParam(store, `layer${i}x1`, 'units', 9 + (i % 5));
    edit.push(performance.now() - t);
    t = performance.now();
    moveNodes(store, { [`layer${i}x2`]: { x: i, y: i } }, true);
    move.push(performance.now() - t);
  }
  console.log(
    `${n} nodes: full inference median ${median(full).toFixed(2)} ms; param edit (store + incremental inference) median ${median(edit).toFixed(2)} ms, max ${Math.max(...edit).toFixed(2)} ms; move median ${median(move).toFixed(3)} ms; ${errors} inference errors`,
  );
}
