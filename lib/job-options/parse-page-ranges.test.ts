import { describe, expect, it } from 'vitest';
import { parsePageRanges } from './parse-page-ranges';

describe('parsePageRanges', () => {
  it('parses ranges, single pages and open ends', () => {
    expect(parsePageRanges('1-3,5,8-', 10)).toEqual([1, 2, 3, 5, 8, 9, 10]);
    expect(parsePageRanges(' 2 - 4 , 7 ', 10)).toEqual([2, 3, 4, 7]);
  });

  it('sorts and de-duplicates like IPP page-ranges', () => {
    expect(parsePageRanges('5,1-3,2', 10)).toEqual([1, 2, 3, 5]);
  });

  it('ignores the part past the end of the document', () => {
    expect(parsePageRanges('8-20', 10)).toEqual([8, 9, 10]);
  });

  it('refuses selections with no pages, backwards ranges, page 0 and bad syntax', () => {
    expect(() => parsePageRanges('12-15', 10)).toThrow('The pages "12-15" are not in this document: it has 10 pages.');
    expect(() => parsePageRanges('5-3', 10)).toThrow('The range 5-3 runs backwards.');
    expect(() => parsePageRanges('0-2', 10)).toThrow('Pages are numbered from 1.');
    expect(() => parsePageRanges('1..3', 10)).toThrow('Use page ranges like 1-3,5,8-.');
  });
});
