import { describe, expect, it } from 'vitest';
import { toJobAttributes, ZJobTemplate } from '@/lib/ipp/job-template';

describe('ZJobTemplate and toJobAttributes', () => {
  it('turns a template into IPP job attributes', () => {
    const template = ZJobTemplate.parse({
      media: 'iso_a4_210x297mm',
      sides: 'two-sided-short-edge',
      printColorMode: 'monochrome',
      copies: 2,
      finishings: ['staple-top-left', 'punch'],
      pageRanges: [
        [1, 3],
        [5, 5],
      ],
    });
    expect(toJobAttributes(template)).toEqual({
      media: 'iso_a4_210x297mm',
      sides: 'two-sided-short-edge',
      'print-color-mode': 'monochrome',
      copies: 2,
      finishings: ['staple-top-left', 'punch'],
      'page-ranges': [
        [1, 3],
        [5, 5],
      ],
    });
    expect(toJobAttributes({})).toEqual({});
  });

  it.each([
    [{ copies: 0 }],
    [{ copies: 1000 }],
    [{ finishings: ['glitter'] }],
    [{ pageRanges: [[3, 1]] }],
    [
      {
        pageRanges: [
          [1, 3],
          [2, 4],
        ],
      },
    ],
    [{ sides: 'both' }],
    [{ printColorMode: 'sepia' }],
  ])('rejects %j', (input) => {
    expect(ZJobTemplate.safeParse(input).success).toBe(false);
  });
});
