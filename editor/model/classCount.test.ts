/**
 * Issue 17, problem 5: a loss fed with the wrong number of classes is flagged while editing,
 * before any run, as a diagnostic on the loss node naming its "pred" port; and a new Dense has
 * an activation, so Dense -> Dense is not one linear map.
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { createCanvasBridge } from '../canvas/canvasBridge.ts';
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
});
