/**
 * The plugin SDK: everything a plugin spec may import. Declarative only: no tfjs, no React.
 * Lowerings import `runtime/exec/sdk.ts` for the executable half.
 */
export * from './params.ts';
export * from './shape.ts';
export * from './ports.ts';
export * from './errors.ts';
export * from './plugin.ts';
export * from './registry.ts';
export * from './torch.ts';
