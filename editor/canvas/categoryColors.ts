/** One accent colour per palette category (CSS custom properties pick them up per theme). */
import type { Category } from '../../runtime/sdk/index.ts';

/** Accent colour of a category. */
export const CATEGORY_COLORS: Readonly<Record<Category, string>> = {
  io: '#64748b',
  data: '#0ea5e9',
  layers: '#6366f1',
  sequence: '#a855f7',
  normalisation: '#14b8a6',
  activation: '#f59e0b',
  structure: '#78716c',
  loss: '#ef4444',
  metric: '#22c55e',
  optimiser: '#ec4899',
  schedule: '#eab308',
  training: '#f97316',
  other: '#94a3b8',
};

/** Human title of a category. */
export function categoryTitle(c: string): string {
  return c.charAt(0).toUpperCase() + c.slice(1);
}
