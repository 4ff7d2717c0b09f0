// Typed lint with zero warnings. Import boundaries enforce the one dependency rule of
// docs/architecture.md: editor -> runtime <- plugins; only runtime/exec, plugin lowerings and workers
// touch tfjs (runtime/lower, the lowering contract, names its types only); runtime never
// imports React, the DOM libraries, comlink or idb, nor plugins/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibs = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'comlink', 'idb', 'elkjs', 'elkjs/*', 'uplot'];
const tfjs = ['@tensorflow/*'];
const restrict = (patterns, message, ...more) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...more] }],
});
// runtime/ is what plugins are built on; the CLI, which loads the built-in plugins, is cli/.
const noPlugins = { group: ['**/plugins/**'], message: 'runtime/ never imports plugins/ (plugins depend on the runtime); code that needs the built-in plugins lives in cli/, workers/ or test/.' };

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-cli', 'coverage', 'docs/**/*.js', '**/*.d.ts', 'test-results', '**/*.tmp.*', 'my-plugins'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.json', './tsconfig.worker.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['runtime/**/*.ts'],
    ignores: ['runtime/exec/**', 'runtime/lower/**', '**/*.test.ts'],
    rules: restrict([...uiLibs, ...tfjs], 'runtime/ is framework-free; only runtime/exec may import tfjs.', noPlugins),
  },
  {
    files: ['runtime/**/*.test.ts'],
    ignores: ['runtime/exec/**', 'runtime/lower/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPlugins] }] },
  },
  {
    // The lowering contract names tfjs types in its signatures but runs no tfjs code.
    files: ['runtime/lower/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibs, message: 'runtime/ never imports UI or browser-host libraries.' },
            { group: tfjs, allowTypeImports: true, message: 'runtime/lower names tfjs types only (`import type`); tfjs code lives in runtime/exec.' },
            noPlugins,
          ],
        },
      ],
    },
  },
  {
    files: ['runtime/exec/**/*.ts'],
    rules: restrict(uiLibs, 'runtime/ never imports UI or browser-host libraries.', noPlugins),
  },
  {
    files: ['cli/**/*.ts'],
    rules: restrict(uiLibs, 'cli/ runs in Node: no UI or browser-host libraries.'),
  },
  {
    files: ['plugins/*/spec.ts', 'plugins/**/spec/*.ts', 'examples/plugins/**/spec.ts', 'test/support/fakePlugins/spec/*.ts'],
    rules: restrict([...uiLibs, ...tfjs, '**/exec/**', '**/runtime/lower/**'], 'A plugin spec is declarative: no tfjs, no React.'),
  },
  {
    files: ['editor/**/*.ts', 'editor/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...tfjs, '**/runtime/exec/**', '**/runtime/lower/**', '**/lower', '**/lower.ts'], 'editor/ reaches tfjs only through the worker engine.'),
    },
  },
  {
    // GPU backends: a synchronous readback stalls webgpu/webgl and can lose a software WebGPU
    // device (test/backends counts them too). Host-only paths say why in a disable comment.
    files: ['plugins/**/*.ts', 'examples/plugins/**/*.ts', 'runtime/exec/**/*.ts', 'workers/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts', '**/*.testkit.ts', '**/reference/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['dataSync', 'arraySync', 'bufferSync'].map((property) => ({
          property,
          message: 'No synchronous readback on a training or inference path: use `await t.data()`, `ctx.read` in hooks, or a host path behind syncReadbackIsCheap() with the reason in a disable comment.',
        })),
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { 'max-lines': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
