/** The templates offered next to New: example graphs from graphs/ that train as they are. */

/** A template offered on New: an example graph that trains as it is. */
export interface GraphTemplate {
  /** The example file's name in graphs/. */
  readonly example: string;
  readonly label: string;
}

/** The templates on New, in menu order; those whose file is not bundled are left out. */
export const TEMPLATES: readonly GraphTemplate[] = [
  { example: 'two-spirals-mlp', label: 'MLP classifier (two spirals)' },
  { example: 'digits-conv', label: 'Conv net (digits)' },
  { example: 'gla-associative-recall', label: 'GLA language model (associative recall)' },
  { example: 'lssl-long-memory', label: 'LSSL long memory' },
];
