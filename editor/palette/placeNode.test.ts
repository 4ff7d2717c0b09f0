import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { createCanvasBridge } from '../canvas/canvasBridge.ts';
import { createEditorStore } from '../model/editorStore.ts';
import { connectPorts, setNodeParam } from '../model/graphActions.ts';
import { boxesOverlap, firstOverlap, freeSpot, panToShow } from '../model/placement.ts';
import { addNodeInView, nodeBoxes } from './placeNode.ts';

function setup() {
  const store = createEditorStore(builtinRegistry());
  const bridge = createCanvasBridge();
  return { store, bridge, add: (type: string) => addNodeInView(store, bridge, type)! };
}

const links = (store: ReturnType<typeof createEditorStore>): string[] =>
  Object.values(store.getState().doc.edges).map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).sort();

describe('free spots', () => {
  it('keeps the preferred spot when it is free, else the nearest free one, below first', () => {
    const taken = [{ x: 0, y: 0, width: 200, height: 100 }];
    expect(freeSpot({ width: 100, height: 50 }, { x: 400, y: 0 }, taken)).toEqual({ x: 400, y: 0 });
    const p = freeSpot({ width: 200, height: 100 }, { x: 0, y: 0 }, taken);
    expect(boxesOverlap({ ...p, width: 200, height: 100 }, taken[0]!, 23)).toBe(false);
    expect(p.y).toBeGreaterThan(0);
    expect(p.x).toBe(0);
  });

  it('pans the least that shows a box, and not at all when it is in view', () => {
    const view = { x: 0, y: 0, width: 1000, height: 500 };
    expect(panToShow(view, { x: 100, y: 100, width: 200, height: 100 })).toEqual({ dx: 0, dy: 0 });
    expect(panToShow(view, { x: 900, y: 100, width: 200, height: 100 })).toEqual({ dx: 140, dy: 0 });
    expect(panToShow(view, { x: 100, y: -300, width: 200, height: 100 })).toEqual({ dx: 0, dy: -340 });
  });
});

describe('adding a node where the user is looking', () => {
  it('never stacks nodes added with nothing selected (was: 5-12 px apart on one spot)', () => {
    const { store, bridge, add } = setup();
    for (const type of ['dense', 'dense', 'dense', 'adam', 'cross-entropy', 'two-spirals']) {
      add(type);
      store.select({ nodes: [], edges: [] });
    }
    expect(Object.keys(store.getState().doc.nodes)).toHaveLength(6);
    expect(firstOverlap(nodeBoxes(store, bridge))).toBeUndefined();
    expect(links(store)).toEqual([]);
  });

  it('puts the node right of the selected one and links it when the ports fit, as one undo step', () => {
    const { store, bridge, add } = setup();
    const data = add('two-spirals');
    const h1 = add('dense');
    const h2 = add('dense');
    const { nodes } = store.getState().doc;
    expect(nodes[h1]!.position.x).toBeGreaterThan(nodes[data]!.position.x);
    expect(nodes[h2]!.position.x).toBeGreaterThan(nodes[h1]!.position.x);
    expect(links(store)).toEqual([`${data}.x->${h1}.x`, `${h1}.y->${h2}.x`].sort());
    expect(store.getState().selection.nodes).toEqual([h2]);
    store.undo();
    expect(Object.keys(store.getState().doc.nodes)).toEqual([data, h1]);
    expect(links(store)).toEqual([`${data}.x->${h1}.x`]);
    expect(firstOverlap(nodeBoxes(store, bridge))).toBeUndefined();
  });

  it('gives a node added beside a loss the same inputs (a metric next to its loss)', () => {
    const { store, bridge, add } = setup();
    const data = add('two-spirals');
    const logits = add('dense');
    // Two units for two classes: the loss and the metric check the width against the data.
    setNodeParam(store, logits, 'units', 2);
    const loss = add('cross-entropy');
    expect(connectPorts(store, { node: data, port: 'y' }, { node: loss, port: 'target' })).toBeUndefined();
    store.select({ nodes: [loss], edges: [] });
    const acc = add('accuracy');
    expect(links(store)).toEqual([`${data}.x->${logits}.x`, `${data}.y->${acc}.target`, `${data}.y->${loss}.target`, `${logits}.y->${acc}.pred`, `${logits}.y->${loss}.pred`].sort());
    // With the metric selected, an optimiser is placed but not linked to it.
    const unlinked = add('adam');
    expect(links(store).filter((l) => l.includes(unlinked))).toEqual([]);
    store.select({ nodes: [loss], edges: [] });
    const opt = add('adam');
    expect(links(store)).toContain(`${loss}.loss->${opt}.loss`);
    expect(firstOverlap(nodeBoxes(store, bridge))).toBeUndefined();
  });

  it('places at the pointer when there is no selection, and shows the node without zooming', () => {
    const { store, bridge, add } = setup();
    const revealed: unknown[] = [];
    bridge.api = { center: () => ({ x: 0, y: 0 }), fitView: () => undefined, screenToFlow: (p) => p, nodeSize: () => undefined, reveal: (b) => void revealed.push(b) };
    bridge.pointer = { x: 500, y: 300 };
    const id = add('dense');
    const box = nodeBoxes(store, bridge)[id]!;
    expect(box.x + box.width / 2).toBeCloseTo(500, -1);
    expect(box.y + box.height / 2).toBeCloseTo(300, -1);
    expect(revealed).toEqual([box]);
  });
});
