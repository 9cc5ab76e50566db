import { describe, expect, it } from 'vitest';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { paidImpressions } from '@/lib/quote/impressions';
import { jobDemand } from './job-demand';

const options: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'two-sided-long-edge', copies: 3, pagesPerSheet: 1, finishing: 'staple' };
const quote = { impressions: { colorImpressions: 1, monoImpressions: 4, sheets: 3 }, copies: 3 };

describe('what a job asks of a printer', () => {
  it('counts paid impressions with copies and needs colour only when pages are colour', () => {
    expect(paidImpressions(quote)).toBe(15);
    expect(jobDemand({ options, quote }, [])).toEqual({
      needs: { media: 'iso_a4_210x297mm', colorMode: 'auto', hasColorPages: true, isDuplex: true, finishing: 'staple' },
      impressions: 15,
      isColor: true,
    });
    expect(jobDemand({ options, quote: { ...quote, impressions: { colorImpressions: 0, monoImpressions: 5, sheets: 3 } } }, []).isColor).toBe(false);
  });

  it('asks no finishing of the printer when the shop finishes by hand', () => {
    expect(jobDemand({ options, quote }, ['staple']).needs.finishing).toBe('none');
  });
});
