/**
 * The plugin contract suite: every plugin, built-in or third-party, runs the same checks
 * (see docs/plugins.md, "The contract suite"). Used by test/contract and `plugin-check`.
 */
export * from './types.ts';
export { contractChecks, runCheck, runContract, formatContractReport } from './run.ts';
export { buildExample, exampleWeights, applyTidy, type ExampleNode } from './node.ts';
