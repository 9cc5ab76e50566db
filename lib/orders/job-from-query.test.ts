import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB, jobFromQuery, jobToQuery } from './job-from-query';

describe('jobFromQuery', () => {
  it('reads a job from a link and round-trips it', () => {
    const job = jobFromQuery({ media: 'iso_a3_297x420mm', colorMode: 'color', sides: 'two-sided-long-edge', copies: '3', pagesPerSheet: '2', finishing: 'staple', pageRanges: '1-4' });
    expect(job).toEqual({ media: 'iso_a3_297x420mm', colorMode: 'color', sides: 'two-sided-long-edge', copies: 3, pagesPerSheet: 2, finishing: 'staple', pageRanges: '1-4' });
    expect(jobFromQuery(jobToQuery(job))).toEqual(job);
  });

  it('falls back to defaults for garbage instead of failing', () => {
    expect(jobFromQuery({ media: 'iso_b0', copies: '1000000000', pagesPerSheet: '3', colorMode: ['color', 'x'] })).toEqual(DEFAULT_JOB);
  });
});
