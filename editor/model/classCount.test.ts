/**
 * Issue 17, problem 5: a loss fed with the wrong number of classes is flagged while editing,
 * before any run, as a diagnostic on the loss node naming its "pred" port; and a new Dense has
 * an activation, so Dense -> Dense is not one linear map.
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { createCanvasBridge } from '../canvas/canvasBridge.ts';
import { applicableFix } from '../canvas/NodeFixButton.tsx';
import { addNodeInView } from '../palette/placeNode.ts';
import { createEditorStore } from './editorStore.ts';
import { connectPorts, setNodeParam } from './graphActions.ts';

describe('class count and defaults', () => {
  it('flags cross-entropy fed 64 logits against 2 classes, and clears when the layer has 2 units', () => {
    const store = createEditorStore(builtinRegistry());
    const bridge = createCanvasBridge();
    const data = addNodeInView(store, bridge, 'two-spirals')!;
    const hidden = addNodeInView(store, bridge, 'dense')!;
    expect(store.getState().doc.nodes[hidden]!.params.activation).toBe('relu');
    const loss = addNodeInView(store, bridge, 'cross-entropy')!;
    expect(connectPorts(store, { node: data, port: 'y' }, { node: loss, port: 'target' })).toBeUndefined();
    const problems = store.getState().report.nodes[loss]!.diagnostics;
    expect(problems).toEqual([
      expect.objectContaining({ node: loss, port: 'pred', severity: 'error', message: expect.stringMatching(/"pred" has 64 classes .* "target" holds 2 class ids .* 2 units/) as unknown }),
    ]);
    setNodeParam(store, hidden, 'units', 2);
    expect(store.getState().report.nodes[loss]!.diagnostics).toEqual([]);
  });

  it('offers the repair on the layer feeding "pred" only when that layer has the params', () => {
    const store = createEditorStore(builtinRegistry());
    const bridge = createCanvasBridge();
    const data = addNodeInView(store, bridge, 'two-spirals')!;
    const hidden = addNodeInView(store, bridge, 'dense')!;
    const loss = addNodeInView(store, bridge, 'cross-entropy')!;
    connectPorts(store, { node: data, port: 'y' }, { node: loss, port: 'target' });
    const { doc, report } = store.getState();
    const found = applicableFix(doc, store.registry, loss, report.nodes[loss]!.diagnostics);
    expect(found).toEqual({
      producer: hidden,
      fix: { label: '2 units, no activation', upstreamOf: 'pred', params: { units: 2, activation: 'none' } },
    });
    // A repair naming a param the producer lacks gets no button.
    const other = applicableFix(doc, store.registry, loss, [{ ...report.nodes[loss]!.diagnostics[0]!, fix: { ...found!.fix, params: { nope: 1 } } }]);
    expect(other).toBeUndefined();
  });
});
