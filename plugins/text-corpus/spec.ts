import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { dataSeedParam } from '../_shared/dataParams.ts';
import { tensorPort } from '../_shared/ports.ts';
import { textCorpusTorch } from './torch.ts';

/** The shipped default corpus (datasets/README.md): Tiny Shakespeare, public domain. */
export const DEFAULT_CORPUS = {
  name: 'tinyshakespeare.txt',
  size: 1_115_394,
  sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
  vocab: "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
} as const;

/** Most distinct characters a char-level vocabulary may hold (ids are 16-bit). */
export const MAX_CHAR_VOCAB = 65_536;

/**
 * A text file as next-token prediction: random windows of `context` tokens (x) and the same
 * windows shifted by one (y). The graph keeps the file's name, size and SHA-256, never its text;
 * the host (CLI `--data`, the editor's file picker) supplies the bytes.
 */
export const textCorpusSpec = definePlugin({
  id: 'text-corpus',
  version: '1.0.0',
  title: 'Text corpus',
  category: 'data',
  role: 'data',
  doc: 'Next-character prediction on a text file. x is [?, context] token ids, y the ids one step later (wire both into an embedding → … → cross-entropy; the cross-entropy loss divided by ln 2 is bits per character). Training windows start at seeded random offsets in the first part of the file; evaluation uses fixed windows of the held-out tail. The vocabulary (char level) is saved in the graph; the file is named by its size and SHA-256 and must be supplied on this machine.',
  inputs: {},
  outputs: {
    x: tensorPort({ rank: 2, dtype: 'int32', doc: 'Token ids [?, context].' }),
    y: tensorPort({ rank: 2, dtype: 'int32', doc: 'The next token at each position [?, context].' }),
  },
  params: {
    dataset: { kind: 'text', default: DEFAULT_CORPUS.name, maxLength: 255, label: 'Dataset', doc: 'Name of the text file this graph was made with.' },
    size: { kind: 'int', default: DEFAULT_CORPUS.size, min: 0, max: 2 ** 31 - 1, label: 'Size (bytes)', doc: "The file's size in bytes (0 = not recorded yet)." },
    sha256: {
      kind: 'text',
      default: DEFAULT_CORPUS.sha256,
      maxLength: 64,
      label: 'SHA-256',
      doc: "The file's SHA-256 (empty = not recorded yet). A file with another hash is refused before training.",
    },
    level: { kind: 'enum', options: ['char', 'byte'], default: 'char', doc: 'char: one token per Unicode character (vocabulary from the file); byte: one per byte (256).' },
    vocab: {
      kind: 'text',
      default: DEFAULT_CORPUS.vocab,
      maxLength: 2 * MAX_CHAR_VOCAB,
      multiline: true,
      label: 'Vocabulary',
      doc: 'Char level: the characters in id order (built from the file when empty). Ignored at byte level.',
    },
    context: { kind: 'int', default: 64, min: 2, max: 8192, log: true, label: 'Context length', doc: 'Tokens per window.' },
    evalFraction: {
      kind: 'float',
      default: 0.1,
      min: 0.01,
      max: 0.5,
      step: 0.01,
      label: 'Held-out tail',
      doc: 'Fraction at the end of the file kept for evaluation (never trained on).',
    },
    evalWindows: {
      kind: 'int',
      default: 64,
      min: 1,
      max: 4096,
      log: true,
      label: 'Eval windows',
      doc: 'Windows of the tail each evaluation scores (from its start, not overlapping).',
    },
    seed: dataSeedParam,
  },
  keyParams: ['dataset', 'context'],
  torch: textCorpusTorch,
  infer(ctx) {
    const p = ctx.params;
    if (p.sha256 !== '' && !/^[0-9a-f]{64}$/.test(p.sha256)) return ctx.fail('"sha256" must be 64 lowercase hex digits or empty', { param: 'sha256' });
    if (p.level === 'char') {
      const chars = Array.from(p.vocab);
      if (new Set(chars).size !== chars.length) return ctx.fail('"vocab" repeats a character: each character must appear once', { param: 'vocab' });
    }
    return { outputs: { x: tensorValue([null, p.context], 'int32'), y: tensorValue([null, p.context], 'int32') } };
  },
});

/** Number of token ids the node's vocabulary gives (embedding and head sizes must match it). */
export function corpusVocabSize(params: { readonly level: 'char' | 'byte'; readonly vocab: string }): number {
  return params.level === 'byte' ? 256 : Array.from(params.vocab).length;
}
