import { describe, expect, it } from 'vitest';
import { describeJob, describeJobNeeds } from './describe-job';

const job = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none', pageCount: 1, colorPageCount: 0 } as const;

describe('describeJob', () => {
  it('says the job in a few words', () => {
    expect(describeJob(job)).toBe('1 page, A4, black & white');
    expect(describeJob({ ...job, pageCount: 10, colorPageCount: 3, sides: 'two-sided-long-edge', copies: 2, pagesPerSheet: 2, finishing: 'staple' })).toBe(
      '10 pages, A4, 3 in colour, two-sided, 2 per sheet, × 2 copies, stapled',
    );
    expect(describeJob({ ...job, media: 'iso_a3_297x420mm', colorMode: 'color' })).toBe('1 page, A3, colour');
  });

  it('says what a shop needs to be able to do', () => {
    expect(describeJobNeeds({ ...job, media: 'iso_a3_297x420mm', colorMode: 'color' })).toBe('A3 colour');
    expect(describeJobNeeds({ ...job, pageCount: 5, colorPageCount: 0, sides: 'two-sided-short-edge', finishing: 'bind' })).toBe('A4 black & white, two-sided, binding');
  });
});
