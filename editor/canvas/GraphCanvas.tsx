/**
 * The canvas: React Flow as a view of the document store. Changes React Flow reports (drags,
 * selection, measured sizes, new links) are turned into store actions; the store's state is
 * turned back into flow elements by {@link FlowElementCache}.
 */
import {
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { GraphNode, Position } from '../../runtime/graph/types.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState, useUiState } from '../hooks/useStoreSelector.ts';
import { checkConnection } from '../model/connection.ts';
import { panToShow } from '../model/placement.ts';
import { freeSpotFor } from '../palette/placeNode.ts';
import { addPluginNode, connectPorts, moveNodes } from '../model/graphActions.ts';
import { openInstance } from '../model/blockActions.ts';
import { BlockBreadcrumb } from './BlockBreadcrumb.tsx';
import type { EditorState } from '../model/editorStore.ts';
import { BLOCK_DRAG_TYPE, PLUGIN_DRAG_TYPE } from '../palette/dragTypes.ts';
import { addBlockInstance } from '../palette/addBlockInstance.ts';
import { openDroppedFile } from '../io/openFiles.ts';
import { CanvasBackground } from './CanvasBackground.tsx';
import { CanvasMiniMap } from './CanvasMiniMap.tsx';
import { setCanvasApi, setPointer } from './canvasBridge.ts';
import { CompactNodesContext, FIT_PADDING, OPEN_MIN_ZOOM, selectCompact, selectCompactBeforeFit, selectFewInView } from './compactNodes.ts';
import { FlowElementCache, type FlowNode } from './flowElements.ts';
import { estimateNodeSize } from './nodeGeometry.ts';
import { NODE_TYPES } from './nodeTypes.ts';
import { openViewport } from './openViewport.ts';

const selectNodes = (s: EditorState) => s.view.nodes;
const selectEdges = (s: EditorState) => s.view.edges;
const selectPlaceholders = (s: EditorState) => s.view.placeholders;
const selectSelection = (s: EditorState) => s.selection;
/** What the canvas is fitted to: the graph, or one of its open block definitions. */
const selectGraphId = (s: EditorState) => (s.openBlocks.length === 0 ? s.graphId : `${s.graphId} › ${s.openBlocks.join(' › ')}`);
/** Opening a graph fits it, but never below a legible zoom. */
const FIT_VIEW_OPTIONS = { padding: FIT_PADDING, minZoom: OPEN_MIN_ZOOM };
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];

/** Applies React Flow's select changes to a list of ids. */
function applySelect(
  current: readonly string[],
  changes: readonly { id: string; selected: boolean }[],
): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

/** The graph canvas. Must sit inside a ReactFlowProvider. */
export function GraphCanvas() {
  const services = useServices();
  const { store, bridge, ui } = services;
  const flow = useReactFlow<FlowNode>();
  const flowStore = useStoreApi<FlowNode>();
  const nodesMap = useEditorState(selectNodes);
  const edgesMap = useEditorState(selectEdges);
  const placeholders = useEditorState(selectPlaceholders);
  const selection = useEditorState(selectSelection);
  const theme = useUiState((s) => s.theme);
  const graphId = useEditorState(selectGraphId);
  const [cache] = useState(() => new FlowElementCache());
  const [sizeVersion, setSizeVersion] = useState(0);
  // The graph the view was last fitted to; until the fit, compactness follows the fit's zoom.
  const [fitted, setFitted] = useState<string | undefined>(undefined);
  const compact = useStore(fitted === graphId ? selectCompact : selectCompactBeforeFit);
  const few = useStore(selectFewInView);
  const estimate = useCallback(
    (n: GraphNode) => estimateNodeSize(n, store.registry.get(n.type), store.getState().viewReport.nodes[n.id]),
    [store],
  );

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(
    () => (sizeVersion >= 0 ? cache.nodes(nodesMap, placeholders, selectedNodes, estimate) : []),
    [cache, nodesMap, placeholders, selectedNodes, sizeVersion, estimate],
  );
  const edges = useMemo(() => cache.edges(edgesMap, selectedEdges), [cache, edgesMap, selectedEdges]);

  useEffect(() => {
    setCanvasApi(bridge, {
      center: () => {
        const el = document.querySelector('[data-testid="canvas"]');
        const r = el?.getBoundingClientRect();
        return r
          ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 })
          : { x: 0, y: 0 };
      },
      fitView: () => void flow.fitView({ padding: FIT_PADDING, duration: 200 }),
      screenToFlow: (p) => flow.screenToFlowPosition(p),
      nodeSize: (id) => cache.size(id),
      reveal: (box) => {
        const el = document.querySelector('[data-testid="canvas"]');
        if (!el) return;
        const { x, y, zoom } = flow.getViewport();
        const view = { x: -x / zoom, y: -y / zoom, width: el.clientWidth / zoom, height: el.clientHeight / zoom };
        const { dx, dy } = panToShow(view, box);
        if (dx !== 0 || dy !== 0) void flow.setViewport({ x: x - dx * zoom, y: y - dy * zoom, zoom }, { duration: 150 });
      },
    });
    return () => {
      setCanvasApi(bridge, undefined);
    };
  }, [bridge, flow, cache]);

  // A newly opened graph (file, link, library) is shown whole, or from its start when it is too
  // big for a legible zoom (openViewport.ts).
  // (An empty graph keeps the viewport: there is nothing to fit, and zooming onto the first
  // node added would move the canvas under the user's pointer.)
  useEffect(() => {
    const empty = Object.keys(store.getState().view.nodes).length === 0;
    const frame = requestAnimationFrame(() => {
      if (empty) setFitted(graphId);
      else
        // The fit measures the nodes first; the start is then placed from their bounds.
        void flow.fitView(FIT_VIEW_OPTIONS).then(async () => {
          const { width, height, maxZoom } = flowStore.getState();
          if (width > 0 && height > 0) await flow.setViewport(openViewport(flow.getNodesBounds(flow.getNodes()), width, height, OPEN_MIN_ZOOM, maxZoom, FIT_PADDING));
          setFitted(graphId);
        });
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [graphId, flow, flowStore, store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const positions: Record<string, Position> = {};
      let dragging = false;
      let moved = false;
      let sized = false;
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          dragging ||= c.dragging === true;
          moved = true;
        } else if (c.type === 'dimensions' && c.dimensions) {
          sized = cache.setSize(c.id, c.dimensions.width, c.dimensions.height) || sized;
        } else if (c.type === 'select') selects.push({ id: c.id, selected: c.selected });
      }
      if (moved) moveNodes(store, positions, dragging);
      if (sized) setSizeVersion((v) => v + 1);
      if (selects.length > 0) {
        const sel = store.getState().selection;
        store.select({ nodes: applySelect(sel.nodes, selects), edges: sel.edges });
      }
    },
    [store, cache],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selects = changes.flatMap((c) =>
        c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [],
      );
      if (selects.length === 0) return;
      const sel = store.getState().selection;
      store.select({ nodes: sel.nodes, edges: applySelect(sel.edges, selects) });
    },
    [store],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      return (
        c.sourceHandle != null &&
        c.targetHandle != null &&
        checkConnection(
          store,
          { node: c.source, port: c.sourceHandle },
          { node: c.target, port: c.targetHandle },
        ) === undefined
      );
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle == null || c.targetHandle == null) return;
      connectPorts(store, { node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle });
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle?.id) return;
      const fromSide = state.fromHandle.type === 'source' ? 'output' : 'input';
      if (state.toHandle?.id) {
        // Dropped on a port that refused: say why.
        const out = fromSide === 'output' ? state.fromHandle : state.toHandle;
        const inp = fromSide === 'output' ? state.toHandle : state.fromHandle;
        const why = checkConnection(
          store,
          { node: out.nodeId, port: out.id ?? '' },
          { node: inp.nodeId, port: inp.id ?? '' },
        );
        if (why) store.notify('error', `Cannot connect: ${why}`);
        return;
      }
      if (state.toNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const screen = { x: point.clientX, y: point.clientY };
      ui.update({
        quickAdd: {
          screen,
          flow: flow.screenToFlowPosition(screen),
          from: { node: state.fromHandle.nodeId, port: state.fromHandle.id, side: fromSide },
        },
      });
    },
    [store, ui, flow],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const type = e.dataTransfer.getData(PLUGIN_DRAG_TYPE);
      if (type) {
        addPluginNode(store, type, freeSpotFor(store, bridge, type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })));
        return;
      }
      const block = e.dataTransfer.getData(BLOCK_DRAG_TYPE);
      if (block) {
        addBlockInstance(store, bridge, block, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) void openDroppedFile(services, file);
    },
    [store, flow, services, bridge],
  );

  const onNodeDoubleClick: NodeMouseHandler<FlowNode> = useCallback(
    (_e, node) => {
      openInstance(store, node.id);
    },
    [store],
  );

  const onNodeDragStop = useCallback(() => {
    store.closeSquash();
  }, [store]);
  const onPaneClick = useCallback(() => {
    ui.update({ quickAdd: undefined });
  }, [ui]);
  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      setPointer(bridge, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [bridge, flow],
  );
  const onPointerLeave = useCallback(() => {
    setPointer(bridge, undefined);
  }, [bridge]);

  // Every prop below keeps its identity between renders: React Flow copies changed props into
  // its store, and each store update runs the selectors of every node, handle and edge.
  return (
    <div
      className={few ? 'nw-canvas nw-few' : 'nw-canvas'}
      data-testid="canvas"
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
    >
      <CompactNodesContext.Provider value={compact}>
        <ReactFlow<FlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onNodeDoubleClick={onNodeDoubleClick}
          zoomOnDoubleClick={false}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onDragOver={onDragOver}
          onDrop={onDrop}
          onPaneClick={onPaneClick}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          colorMode={theme}
          minZoom={0.02}
          maxZoom={2.5}
          onlyRenderVisibleElements
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          attributionPosition="top-right"
        >
          {/* Zoomed out, the dot grid would be a haze of sub-pixel dots, redrawn on every pan step. */}
          {compact ? null : <CanvasBackground gap={24} />}
          <CanvasMiniMap nodes={nodes} />
          <Controls showInteractive={false} />
          <BlockBreadcrumb />
        </ReactFlow>
      </CompactNodesContext.Provider>
    </div>
  );
}
