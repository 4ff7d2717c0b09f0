/**
 * Supplies the data of a graph's file-backed data nodes (text corpora) before it compiles: finds
 * each node's file (`--data NODE=PATH`, or by the name the graph records), refuses a file whose
 * SHA-256 differs from the recorded one unless `--new-data`, records name, size, hash and (when
 * empty) the vocabulary in the node's params, and puts the bytes on the dataset shelf.
 */
import { capDiagnostics } from '../runtime/compile/capDiagnostics.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { setParams } from '../runtime/graph/commands.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { Registry } from '../runtime/sdk/registry.ts';
import { datasetShelf, describeDataset, type ShelvedDataset } from '../plugins/_shared/datasetShelf.ts';
import { buildCharVocab, decodeUtf8, encodeCorpus, unigramBitsPerToken, CorpusError } from '../plugins/text-corpus/corpus.ts';
import { DEFAULT_CORPUS } from '../plugins/text-corpus/spec.ts';
import { UsageError } from './args.ts';
import { datasetCandidates, findDataset, readDatasetFile } from './datasetFiles.ts';
import { readGraphFile, type CompiledFile } from './graphFile.ts';

/** Types of the data nodes whose bytes come from a file. */
const FILE_DATA_TYPES = new Set(['text-corpus']);

/** What {@link attachData} found, for the notes the command prints. */
export interface AttachedData {
  readonly doc: GraphDoc;
  /** One line per data node: the file, its size and vocabulary, the unigram baseline. */
  readonly notes: readonly string[];
  /** The unigram baseline in bits per token of the (first) text corpus, for the final line. */
  readonly unigramBits?: number;
}

/** Options of {@link attachData}: the raw `--data` values and `--new-data`. */
export interface AttachOptions {
  readonly data: readonly string[];
  readonly newData: boolean;
}

function parseDataFlags(values: readonly string[], nodes: readonly string[]): Map<string, string> {
  const byNode = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    const [node, path] = eq > 0 && nodes.includes(v.slice(0, eq)) ? [v.slice(0, eq), v.slice(eq + 1)] : [undefined, v];
    if (node !== undefined) byNode.set(node, path);
    else if (nodes.length === 1) byNode.set(nodes[0]!, path);
    else if (nodes.length === 0) throw new UsageError(`--data ${v}: this graph has no node that reads a data file`);
    else throw new UsageError(`--data ${v}: the graph has several data-file nodes (${nodes.join(', ')}); write --data NODE=PATH`);
  }
  return byNode;
}

function fail(code: string, node: string, message: string): never {
  throw new NetwrightError(code, message, { node, param: 'dataset' });
}

async function fileFor(node: string, recorded: string, graphFile: string, given: string | undefined): Promise<ShelvedDataset> {
  const path = given ?? (await findDataset(recorded, graphFile));
  if (path === undefined) {
    fail('CLI_DATA_MISSING', node, `dataset "${recorded}" is not on this machine (looked in ${datasetCandidates(recorded, graphFile).join(', ')}): pass --data ${node}=PATH`);
  }
  try {
    return await readDatasetFile(path);
  } catch (e) {
    return fail('CLI_DATA_MISSING', node, `cannot read dataset file ${path}: ${(e as Error).message}`);
  }
}

/** Finds, checks, records and shelves the data of every file-backed data node of `doc`. */
export async function attachData(doc: GraphDoc, graphFile: string, opts: AttachOptions): Promise<AttachedData> {
  const nodes = Object.entries(doc.nodes).filter(([, n]) => FILE_DATA_TYPES.has(n.type));
  const given = parseDataFlags(opts.data, nodes.map(([id]) => id));
  const notes: string[] = [];
  let unigramBits: number | undefined;
  let next = doc;
  for (const [id, node] of nodes) {
    const p = node.params as Record<string, unknown>;
    // A param the file leaves out has the spec's default (the shipped corpus).
    const text = (v: unknown, def: string): string => (typeof v === 'string' ? v : def);
    const recorded = { name: text(p.dataset, DEFAULT_CORPUS.name), size: typeof p.size === 'number' ? p.size : DEFAULT_CORPUS.size, sha256: text(p.sha256, DEFAULT_CORPUS.sha256) };
    const file = await fileFor(id, recorded.name, graphFile, given.get(id));
    if (recorded.sha256 !== '' && file.sha256 !== recorded.sha256 && !opts.newData) {
      fail('CLI_DATA_HASH', id, `${given.get(id) ?? file.name} has SHA-256 ${file.sha256.slice(0, 12)}…, but the graph was made with ${describeDataset(recorded)}: pass that file, or add --new-data to train on this one (the graph then records it)`);
    }
    const level = p.level === 'byte' ? 'byte' : 'char';
    let vocab = text(p.vocab, DEFAULT_CORPUS.vocab);
    try {
      if (level === 'char' && vocab === '') vocab = buildCharVocab(decodeUtf8(file.bytes, file.name));
      const corpus = encodeCorpus(file.bytes, file.name, level, vocab);
      const evalFraction = typeof p.evalFraction === 'number' ? p.evalFraction : 0.1;
      const bits = unigramBitsPerToken(corpus, evalFraction);
      unigramBits ??= bits;
      notes.push(`data: node "${id}": ${file.name} (${file.size.toLocaleString('en-US')} bytes, ${corpus.ids.length.toLocaleString('en-US')} ${level}s, vocabulary ${corpus.vocabSize}); unigram baseline on the held-out tail ${bits.toFixed(3)} bits/${level}`);
    } catch (e) {
      if (e instanceof CorpusError) fail('CLI_DATA_TEXT', id, e.message);
      throw e;
    }
    datasetShelf.put(file);
    next = setParams(next, { node: id, params: { dataset: file.name, size: file.size, sha256: file.sha256, ...(level === 'char' ? { vocab } : {}) } });
  }
  return { doc: next, notes, ...(unigramBits === undefined ? {} : { unigramBits }) };
}

/** Result of {@link compileWithData}: the compiled file, plus the data notes when it compiled. */
export type CompiledWithData = CompiledFile & { readonly notes: readonly string[]; readonly unigramBits?: number };

/** {@link compileFile} with {@link attachData} between loading and compiling. */
export async function compileWithData(file: string, registry: Registry, opts: AttachOptions): Promise<CompiledWithData> {
  const read = await readGraphFile(file, registry);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics, warnings: [], notes: [] };
  let attached: AttachedData;
  try {
    attached = await attachData(read.doc, file, opts);
  } catch (e) {
    if (!(e instanceof NetwrightError) || e instanceof UsageError) throw e;
    return { ok: false, diagnostics: [{ code: e.code, severity: 'error', message: e.message, ...e.target }], warnings: read.warnings, notes: [] };
  }
  const compiled = compileGraph(attached.doc, registry);
  const notes = { notes: attached.notes, ...(attached.unigramBits === undefined ? {} : { unigramBits: attached.unigramBits }) };
  if (!compiled.ok) return { ok: false, diagnostics: capDiagnostics(compiled.diagnostics), warnings: read.warnings, ...notes };
  return { ok: true, doc: attached.doc, plan: compiled.plan, warnings: [...read.warnings, ...compiled.warnings], ...notes };
}
