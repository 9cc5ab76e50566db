import { describe, expect, it } from 'vitest';
import { countOf } from './count-of';

describe('countOf', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countOf(1, 'page')).toBe('1 page');
    expect(countOf(0, 'page')).toBe('0 pages');
    expect(countOf(2, 'printed side')).toBe('2 printed sides');
    expect(countOf(1, 'copy', 'copies')).toBe('1 copy');
    expect(countOf(3, 'copy', 'copies')).toBe('3 copies');
    expect(countOf(1200, 'sheet')).toBe('1,200 sheets');
  });
});
