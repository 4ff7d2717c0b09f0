/**
 * Supplies the data of a graph's file-backed data nodes (text corpora, IDX image datasets) before
 * it compiles: finds each file (`--data NODE[.PARAM]=PATH`, or by the name the graph records),
 * refuses one whose SHA-256 differs from the recorded one unless `--new-data`, checks the data,
 * records name, size, hash and (when empty) a text's vocabulary in the node's params, and puts
 * the bytes on the dataset shelf.
 */
import { capDiagnostics } from '../runtime/compile/capDiagnostics.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { setParams } from '../runtime/graph/commands.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import type { ParamValue } from '../runtime/sdk/params.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { Registry } from '../runtime/sdk/registry.ts';
import { datasetShelf, describeDataset, type ShelvedDataset } from '../plugins/_shared/datasetShelf.ts';
import { buildCharVocab, decodeUtf8, encodeCorpus, unigramBitsPerToken, CorpusError } from '../plugins/text-corpus/corpus.ts';
import { imageDataset, type ImageDatasetParams } from '../plugins/image-dataset/lower.ts';
import { ImageDataError } from '../plugins/image-dataset/idx.ts';
import { isFolderPack } from '../plugins/image-dataset/folderPack.ts';
import { UsageError } from './args.ts';
import { datasetCandidates, findDataset, readDatasetFile, type ReadDataset } from './datasetFiles.ts';
import { readGraphFile, type CompiledFile } from './graphFile.ts';

/** A data file a node reads: the params that record its name, size and SHA-256. */
interface FileParam {
  readonly name: string;
  readonly size: string;
  readonly sha256: string;
}

/** The data nodes whose bytes come from files, and their file params (the first is `--data NODE=PATH`'s). */
const FILE_PARAMS: Readonly<Record<string, readonly FileParam[]>> = {
  'text-corpus': [{ name: 'dataset', size: 'size', sha256: 'sha256' }],
  'image-dataset': [
    { name: 'images', size: 'imagesSize', sha256: 'imagesSha256' },
    { name: 'labels', size: 'labelsSize', sha256: 'labelsSha256' },
  ],
};

/** What {@link attachData} found, for the notes the command prints. */
export interface AttachedData {
  readonly doc: GraphDoc;
  /** One line per data node: the file, its size and content, the unigram baseline of a text. */
  readonly notes: readonly string[];
  /** The unigram baseline in bits per token of the (first) text corpus, for the final line. */
  readonly unigramBits?: number;
}

/** Options of {@link attachData}: the raw `--data` values and `--new-data`. */
export interface AttachOptions {
  readonly data: readonly string[];
  readonly newData: boolean;
}

/** `--data` values by `node.param`: `NODE.PARAM=PATH`, `NODE=PATH` (its first file) or `PATH` (the only file). */
function parseDataFlags(values: readonly string[], slots: readonly string[], firstOf: ReadonlyMap<string, string>): Map<string, string> {
  const bySlot = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq > 0 ? v.slice(0, eq) : '';
    const slot = slots.includes(key) ? key : firstOf.get(key);
    if (slot !== undefined) bySlot.set(slot, v.slice(eq + 1));
    else if (slots.length === 1) bySlot.set(slots[0]!, v);
    else if (slots.length === 0) throw new UsageError(`--data ${v}: this graph has no node that reads a data file`);
    else throw new UsageError(`--data ${v}: the graph reads several data files (${slots.join(', ')}); write --data NODE.PARAM=PATH`);
  }
  return bySlot;
}

function fail(code: string, node: string, param: string, message: string): never {
  throw new NetwrightError(code, message, { node, param });
}

async function fileFor(node: string, param: string, recorded: string, graphFile: string, given: string | undefined): Promise<ReadDataset> {
  const path = given ?? (await findDataset(recorded, graphFile));
  if (path === undefined) {
    fail('CLI_DATA_MISSING', node, param, `dataset "${recorded}" is not on this machine (looked in ${datasetCandidates(recorded, graphFile).join(', ')}): pass --data ${node}.${param}=PATH`);
  }
  try {
    return await readDatasetFile(path);
  } catch (e) {
    if (e instanceof ImageDataError) return fail('CLI_DATA_IMAGES', node, param, e.message);
    return fail('CLI_DATA_MISSING', node, param, `cannot read dataset file ${path}: ${(e as Error).message}`);
  }
}

/** Params of a node with the spec's defaults for those the file leaves out. */
function withDefaults(type: string, params: Readonly<Record<string, unknown>>, registry: Registry): Record<string, unknown> {
  const spec = registry.get(type);
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(spec?.params ?? {})) out[k] = (d as { default?: unknown }).default;
  return { ...out, ...params };
}

/** Checks a text corpus, builds its vocabulary when empty, and says what it holds. */
function describeText(id: string, p: Record<string, unknown>, file: ShelvedDataset): { params: Record<string, ParamValue>; note: string; bits: number } {
  const level = p.level === 'byte' ? 'byte' : 'char';
  let vocab = typeof p.vocab === 'string' ? p.vocab : '';
  try {
    if (level === 'char' && vocab === '') vocab = buildCharVocab(decodeUtf8(file.bytes, file.name));
    const corpus = encodeCorpus(file.bytes, file.name, level, vocab);
    const bits = unigramBitsPerToken(corpus, typeof p.evalFraction === 'number' ? p.evalFraction : 0.1);
    const note = `data: node "${id}": ${file.name} (${file.size.toLocaleString('en-US')} bytes, ${corpus.ids.length.toLocaleString('en-US')} ${level}s, vocabulary ${corpus.vocabSize}); unigram baseline on the held-out tail ${bits.toFixed(3)} bits/${level}`;
    return { params: level === 'char' ? { vocab } : {}, note, bits };
  } catch (e) {
    if (e instanceof CorpusError) fail('CLI_DATA_TEXT', id, 'dataset', e.message);
    throw e;
  }
}

/** Checks an image dataset by building it from the shelf, and says what it holds. */
function describeImages(id: string, p: Record<string, unknown>, images: ReadDataset): string {
  try {
    const ds = imageDataset(p as unknown as ImageDatasetParams);
    const [h, w, c] = ds.columns.x!.exampleShape;
    const from = images.note === undefined ? `${String(p.images)} and ${String(p.labels)}` : `folder ${images.name} (${images.note})`;
    return `data: node "${id}": ${ds.count.toLocaleString('en-US')} images as ${h}×${w}×${c} from ${from}`;
  } catch (e) {
    if (e instanceof ImageDataError) fail('CLI_DATA_IMAGES', id, 'images', e.message);
    throw e;
  }
}

/** Finds, checks, records and shelves the data files of every file-backed data node of `doc`. */
export async function attachData(doc: GraphDoc, graphFile: string, opts: AttachOptions, registry: Registry): Promise<AttachedData> {
  const nodes = Object.entries(doc.nodes).filter(([, n]) => FILE_PARAMS[n.type] !== undefined);
  const slots = nodes.flatMap(([id, n]) => FILE_PARAMS[n.type]!.map((f) => `${id}.${f.name}`));
  const given = parseDataFlags(opts.data, slots, new Map(nodes.map(([id, n]) => [id, `${id}.${FILE_PARAMS[n.type]![0]!.name}`])));
  const notes: string[] = [];
  let unigramBits: number | undefined;
  let next = doc;
  for (const [id, node] of nodes) {
    const p = withDefaults(node.type, node.params, registry);
    const recordedNow: Record<string, ParamValue> = {};
    const files: ReadDataset[] = [];
    for (const f of FILE_PARAMS[node.type]!) {
      if (files[0] && isFolderPack(files[0].bytes)) {
        Object.assign(recordedNow, { [f.name]: '', [f.size]: 0, [f.sha256]: '' }); // a folder's labels are its sub-folders
        continue;
      }
      const text = (v: unknown): string => (typeof v === 'string' ? v : '');
      const size = p[f.size];
      const recorded = { name: text(p[f.name]), size: typeof size === 'number' ? size : 0, sha256: text(p[f.sha256]) };
      const path = given.get(`${id}.${f.name}`);
      const file = await fileFor(id, f.name, recorded.name, graphFile, path);
      if (recorded.sha256 !== '' && file.sha256 !== recorded.sha256 && !opts.newData) {
        fail('CLI_DATA_HASH', id, f.name, `${path ?? file.name} has SHA-256 ${file.sha256.slice(0, 12)}…, but the graph was made with ${describeDataset(recorded)}: pass that file, or add --new-data to train on this one (the graph then records it)`);
      }
      files.push(file);
      Object.assign(recordedNow, { [f.name]: file.name, [f.size]: file.size, [f.sha256]: file.sha256 });
    }
    for (const file of files) datasetShelf.put(file);
    Object.assign(p, recordedNow);
    if (node.type === 'text-corpus') {
      const text = describeText(id, p, files[0]!);
      Object.assign(recordedNow, text.params);
      notes.push(text.note);
      unigramBits ??= text.bits;
    } else {
      notes.push(describeImages(id, p, files[0]!));
    }
    next = setParams(next, { node: id, params: recordedNow });
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
    attached = await attachData(read.doc, file, opts, registry);
  } catch (e) {
    if (!(e instanceof NetwrightError) || e instanceof UsageError) throw e;
    return { ok: false, diagnostics: [{ code: e.code, severity: 'error', message: e.message, ...e.target }], warnings: read.warnings, notes: [] };
  }
  const compiled = compileGraph(attached.doc, registry);
  const notes = { notes: attached.notes, ...(attached.unigramBits === undefined ? {} : { unigramBits: attached.unigramBits }) };
  if (!compiled.ok) return { ok: false, diagnostics: capDiagnostics(compiled.diagnostics), warnings: read.warnings, ...notes };
  return { ok: true, doc: attached.doc, plan: compiled.plan, warnings: [...read.warnings, ...compiled.warnings], ...notes };
}
