import { describe, expect, it } from 'vitest';
import { actionFor, SHORTCUTS } from './shortcuts.ts';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('shortcuts', () => {
  it('maps the documented keys on both Ctrl and Cmd', () => {
    expect(actionFor(key('z', { ctrl: true }), false)).toBe('undo');
    expect(actionFor(key('Z', { meta: true, shift: true }), false)).toBe('redo');
    expect(actionFor(key('d', { meta: true }), false)).toBe('duplicate');
    expect(actionFor(key('Delete'), false)).toBe('delete');
    expect(actionFor(key('/'), false)).toBe('search');
    expect(actionFor(key('f'), false)).toBe('fit');
    expect(actionFor(key('?', { shift: true }), false)).toBe('help');
    expect(actionFor(key('g', { ctrl: true }), false)).toBe('group');
    expect(actionFor(key('G', { meta: true, shift: true }), false)).toBe('ungroup');
  });
  it('leaves typing alone in fields, except save and search', () => {
    expect(actionFor(key('z', { ctrl: true }), true)).toBeUndefined();
    expect(actionFor(key('Backspace'), true)).toBeUndefined();
    expect(actionFor(key('f'), true)).toBeUndefined();
    expect(actionFor(key('s', { ctrl: true }), true)).toBe('save');
  });
  it('documents every action it can return', () => {
    const documented = new Set(SHORTCUTS.map((s) => s.action));
    for (const k of ['z', 'y', 'c', 'x', 'v', 'd', 'a', 's', 'k', 'g']) {
      const a = actionFor(key(k, { ctrl: true }), false);
      if (a) expect(documented.has(a)).toBe(true);
    }
  });
});
