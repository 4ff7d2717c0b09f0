/** The flags `train` and `profile` share: backend, steps, seed, batch size, plugin modules, JSON output. */
export const RUN_FLAGS = {
  backend: ['wasm', 'cpu'],
  steps: 'int',
  seed: 'int',
  'batch-size': 'int',
  plugin: 'list',
  json: 'bool',
} as const;
