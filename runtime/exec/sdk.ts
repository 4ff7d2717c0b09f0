/** The executable half of the plugin SDK: types and helpers for lowerings (tfjs code). */
export * from './lowering.ts';
export * from './rng.ts';
export * from './runMemory.ts';
export * from './hostReads.ts';
export { syncReadbackIsCheap } from './readback.ts';
