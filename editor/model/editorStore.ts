/**
 * The editor's one store: the document with its undo history (runtime/graph/history.ts), the
 * one shape inference of it (runtime/infer, kept incremental) and session state (selection,
 * notices). Framework-free: React subscribes through `subscribe`/`getState`, tests drive it
 * directly. Every user edit goes through {@link EditorStore.edit} and is undoable; loading a
 * file, inference and selection are never recorded. A run compiles with the stored inference
 * (`compileGraph`'s `inference` option), so starting one never infers again.
 */
import { createHistory, type GraphHistory } from '../../runtime/graph/history.ts';
import { emptyGraph, type GraphDoc } from '../../runtime/graph/types.ts';
import { createInferCache, inferGraph, type GraphInference } from '../../runtime/infer/inferGraph.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import type { ApplyCommand, DocEdit, EditOptions } from './edits.ts';
import { reportGraph, type GraphReport } from './graphReport.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import { canvasView, liveOpenBlocks, routeToBlock } from './blockView.ts';

/** Which nodes and edges are selected. */
export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/** A message for the user (a toast). `error` notices say what went wrong and where. */
export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly message: string;
}

/** A snapshot of everything the UI shows. Replaced, never mutated. */
export interface EditorState {
  readonly doc: GraphDoc;
  /** Shape inference of `doc` against the store's registry; what a run compiles with. */
  readonly inference: GraphInference;
  /** What the editor draws of `inference`: per-node inputs, diagnostics, totals. */
  readonly report: GraphReport;
  readonly selection: Selection;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Id of the graph in the local library that autosave writes to. */
  readonly graphId: string;
  /** Bumps on every document change, recorded or not; autosave watches it. */
  readonly revision: number;
  /** Plugin ids the document uses that are not installed. */
  readonly missingPlugins: readonly string[];
  /**
   * What opening the document said about its plugins' versions (saved with another version,
   * or with a newer one whose nodes stay placeholders); cleared by the next open or dismiss.
   */
  readonly pluginNotes: readonly string[];
  /** Bumps when the registry changes (a plugin module installed or removed). */
  readonly registryVersion: number;
  readonly notices: readonly Notice[];
  /**
   * The block definitions open on the canvas, outermost first (the breadcrumb); empty when the
   * canvas shows the graph itself. Edits go into the last one (editor/model/blockView.ts).
   */
  readonly openBlocks: readonly string[];
  /** What the canvas draws: `doc`, or the open definition as a document. Selection ids are its. */
  readonly view: GraphDoc;
  /** The report of `view`'s nodes (`report` when no definition is open). */
  readonly viewReport: GraphReport;
}

/** The store. */
export interface EditorStore {
  /** The plugins in force; replaced by {@link EditorStore.setRegistry}. */
  readonly registry: Registry;
  /**
   * Swaps the registry (plugins installed or removed) and re-infers the document. The caller
   * re-reads the document when node types appeared or disappeared (editor/plugins/applyRegistry.ts).
   */
  setRegistry(registry: Registry): void;
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  /** Applies and records a user edit. */
  edit(edit: DocEdit, options?: EditOptions): boolean;
  undo(): void;
  redo(): void;
  /** Ends a squash (drag end, field blur) so the next edit is a new undo step. */
  closeSquash(): void;
  /**
   * Opens a document as graph `graphId`, clearing history and selection. Not recorded.
   * `pluginNotes` are the loader's messages about plugin versions, for the banner.
   */
  load(doc: GraphDoc, graphId: string, pluginNotes?: readonly string[]): void;
  /** Hides the plugin-version notes. */
  dismissPluginNotes(): void;
  select(selection: Selection): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(noticeId: number): void;
  /**
   * Shows definitions on the canvas: `blocks` is the new breadcrumb, outermost first (`[]`
   * goes back to the graph). Unknown ids are dropped. Clears the selection; not recorded.
   */
  openBlocks(blocks: readonly string[]): void;
}

const NO_SELECTION: Selection = { nodes: [], edges: [] };

function missingOf(doc: GraphDoc): readonly string[] {
  const ids = Object.keys(doc.placeholders);
  if (ids.length === 0) return [];
  return [...new Set(ids.map((id) => doc.nodes[id]?.type ?? '?'))].sort();
}

/** Keeps only selected ids that still exist, reusing the old object when nothing changed. */
function pruneSelection(sel: Selection, doc: GraphDoc): Selection {
  const nodes = sel.nodes.filter((id) => Object.hasOwn(doc.nodes, id));
  const edges = sel.edges.filter((id) => Object.hasOwn(doc.edges, id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

/** Whether two documents can differ in inference (types, params, edges, placeholders). */
function sameStructure(a: GraphDoc, b: GraphDoc): boolean {
  // A block definition edit changes every instance: blocks count as structure.
  if (a.edges !== b.edges || a.placeholders !== b.placeholders || a.blocks !== b.blocks) return false;
  const ka = Object.keys(a.nodes);
  if (ka.length !== Object.keys(b.nodes).length) return false;
  for (const id of ka) {
    const na = a.nodes[id]!;
    const nb = b.nodes[id];
    if (!nb || na.type !== nb.type || na.params !== nb.params) return false;
  }
  return true;
}

type Analysis = Pick<EditorState, 'inference' | 'report'>;

/**
 * The store's inference, bound to a registry. A move or a relabel reuses the last result; a
 * real change re-infers only the changed nodes and what depends on them (runtime/infer's
 * cache), and unchanged node reports keep their identity.
 */
function createAnalyser(registry: Registry): (doc: GraphDoc) => Analysis {
  const cache = createInferCache();
  let last: { doc: GraphDoc; analysis: Analysis } | undefined;
  return (doc) => {
    if (last && (doc === last.doc || sameStructure(last.doc, doc))) {
      last = { doc, analysis: last.analysis };
      return last.analysis;
    }
    const inference = inferGraph(doc, registry, cache);
    const analysis = { inference, report: reportGraph(doc, inference, last?.analysis.report) };
    last = { doc, analysis };
    return analysis;
  };
}

/** Creates a store over a registry and a starting document. */
export function createEditorStore(registry: Registry, initial: GraphDoc = emptyGraph(), graphId = 'untitled'): EditorStore {
  const history: GraphHistory = createHistory(initial);
  let current = registry;
  let analyse = createAnalyser(registry);
  const listeners = new Set<() => void>();
  let noticeSeq = 0;
  let editSeq = 0;
  const initialAnalysis = analyse(initial);
  let state: EditorState = {
    doc: initial,
    ...initialAnalysis,
    selection: NO_SELECTION,
    canUndo: false,
    canRedo: false,
    graphId,
    revision: 0,
    missingPlugins: missingOf(initial),
    pluginNotes: [],
    registryVersion: 0,
    notices: [],
    openBlocks: [],
    view: initial,
    viewReport: initialAnalysis.report,
  };

  const emit = (): void => {
    for (const l of [...listeners]) l();
  };
  const set = (patch: Partial<EditorState>): void => {
    state = { ...state, ...patch };
    emit();
  };
  const docChanged = (extra: Partial<EditorState> = {}): void => {
    const { doc, canUndo, canRedo } = history.getState();
    const analysis = analyse(doc);
    const openBlocks = liveOpenBlocks(doc, extra.openBlocks ?? state.openBlocks);
    const shown = canvasView(doc, analysis.inference, analysis.report, openBlocks, state);
    set({
      doc,
      ...analysis,
      openBlocks,
      ...shown,
      selection: pruneSelection(extra.selection ?? state.selection, shown.view),
      canUndo,
      canRedo,
      revision: state.revision + 1,
      missingPlugins: doc.placeholders === state.doc.placeholders ? state.missingPlugins : missingOf(doc),
      ...extra,
    });
  };
  /** Runs an edit's commands as one undo step (or unrecorded); throws like the commands. */
  const applyEdit = (edit: DocEdit, options: EditOptions): void => {
    const key = options.squashKey ?? `edit#${++editSeq}`;
    try {
      const apply: ApplyCommand = (command, args) => {
        history.apply(command, args, options.record === false ? { record: false } : { squashKey: key });
      };
      edit(routeToBlock(apply, state.openBlocks.at(-1)));
    } finally {
      if (options.squashKey === undefined && options.record !== false) history.mark();
    }
  };

  return {
    get registry() {
      return current;
    },
    setRegistry(next) {
      if (next === current) return;
      current = next;
      analyse = createAnalyser(next);
      const doc = history.getState().doc;
      const analysis = analyse(doc);
      set({ ...analysis, ...canvasView(doc, analysis.inference, analysis.report, state.openBlocks, state), registryVersion: state.registryVersion + 1 });
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    edit(edit, options = {}) {
      const before = history.getState().revision;
      let error: string | undefined;
      try {
        applyEdit(edit, options);
      } catch (e) {
        // A command that refuses (placeholder read-only, missing node) explains itself.
        error = errorMessage(e);
      }
      // Even a refused edit may have run part of its commands: publish whatever is there now.
      if (history.getState().doc !== state.doc) docChanged();
      if (error !== undefined) set({ notices: [...state.notices.slice(-4), { id: ++noticeSeq, kind: 'error', message: error }] });
      return history.getState().revision !== before && error === undefined;
    },
    undo() {
      if (history.undo()) docChanged();
    },
    redo() {
      if (history.redo()) docChanged();
    },
    closeSquash: () => { history.mark(); },
    load(doc, id, pluginNotes = []) {
      history.reset(doc);
      docChanged({ selection: NO_SELECTION, graphId: id, pluginNotes, openBlocks: [] });
    },
    dismissPluginNotes() {
      if (state.pluginNotes.length > 0) set({ pluginNotes: [] });
    },
    select(selection) {
      const same =
        selection.nodes.length === state.selection.nodes.length &&
        selection.edges.length === state.selection.edges.length &&
        selection.nodes.every((n, i) => n === state.selection.nodes[i]) &&
        selection.edges.every((e, i) => e === state.selection.edges[i]);
      if (!same) set({ selection });
    },
    notify(kind, message) {
      set({ notices: [...state.notices.slice(-4), { id: ++noticeSeq, kind, message }] });
    },
    dismiss(noticeId) {
      set({ notices: state.notices.filter((n) => n.id !== noticeId) });
    },
    openBlocks(blocks) {
      const openBlocks = liveOpenBlocks(state.doc, blocks);
      history.mark();
      set({ openBlocks, selection: NO_SELECTION, ...canvasView(state.doc, state.inference, state.report, openBlocks) });
    },
  };
}
