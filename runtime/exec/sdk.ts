/** The executable half of the plugin SDK: types and helpers for lowerings (tfjs code). */
export * from '../lower/lowering.ts';
export * from '../lower/rng.ts';
export * from '../lower/runMemory.ts';
export * from './hostReads.ts';
export { syncReadbackIsCheap } from './readback.ts';
