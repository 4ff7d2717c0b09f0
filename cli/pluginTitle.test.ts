import { describe, expect, it } from 'vitest';
import { titleFromSegment } from './pluginTitle.ts';

describe('titleFromSegment', () => {
  it('makes a sentence-case title, keeping abbreviations in capitals', () => {
    expect(titleFromSegment('rmsNorm')).toBe('RMS norm');
    expect(titleFromSegment('myLayer')).toBe('My layer');
    expect(titleFromSegment('scale-shift')).toBe('Scale shift');
    expect(titleFromSegment('myGLULayer')).toBe('My GLU layer');
    expect(titleFromSegment('swigluFfn')).toBe('SwiGLU FFN');
    expect(titleFromSegment('conv2d')).toBe('Conv2d');
  });
});
