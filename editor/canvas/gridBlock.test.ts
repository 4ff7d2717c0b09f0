import { describe, expect, it } from 'vitest';
import { gridBlock, sameGridBlock } from './gridBlock.ts';

describe('gridBlock', () => {
  it('covers the view with room to spare at any pan and zoom', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 500; i++) {
      const zoom = 0.4 + random() * 2.1;
      const tx = (random() - 0.5) * 1e5;
      const ty = (random() - 0.5) * 1e5;
      const b = gridBlock([tx, ty, zoom], 870, 604);
      const left = -tx / zoom;
      const top = -ty / zoom;
      expect(b.x).toBeLessThan(left);
      expect(b.y).toBeLessThan(top);
      expect(b.x + b.width).toBeGreaterThan(left + 870 / zoom);
      expect(b.y + b.height).toBeGreaterThan(top + 604 / zoom);
      // Not absurdly large: at most five steps of at most twice the view on a side.
      expect(b.width).toBeLessThanOrEqual(5 * 2 * (870 / zoom));
    }
  });

  it('stays the same for small pans and changes when the view leaves it or the zoom changes', () => {
    const a = gridBlock([0, 0, 1], 800, 600);
    expect(sameGridBlock(a, gridBlock([-10, -5, 1], 800, 600))).toBe(true);
    expect(sameGridBlock(a, gridBlock([-5000, 0, 1], 800, 600))).toBe(false);
    expect(sameGridBlock(a, gridBlock([0, 0, 1.1], 800, 600))).toBe(false);
  });
});
