import { describe, expect, it } from 'vitest';
import type { TPriceList } from '@/lib/shops/shop-schemas';
import { impressionsFromCounts, impressionsFromPages } from './impressions';
import { quoteJob } from './quote-job';

const priceList: TPriceList = {
  prices: [
    { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 10 },
    { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'two-sided', pricePerPageMinor: 8 },
    { media: 'iso_a4_210x297mm', colorMode: 'color', sides: 'one-sided', pricePerPageMinor: 45 },
    { media: 'iso_a4_210x297mm', colorMode: 'color', sides: 'two-sided', pricePerPageMinor: 40 },
  ],
  jobFeeMinor: 50,
  minimumChargeMinor: 150,
  finishing: [{ finishing: 'staple', priceMinor: 30, isManual: false }],
};

describe('impressionsFromPages', () => {
  const pages = [false, true, false, false, true]; // colour on pages 2 and 5
  it('follows the pages in auto mode', () => {
    expect(impressionsFromPages(pages, { colorMode: 'auto', pagesPerSheet: 1, sides: 'one-sided' })).toEqual({ colorImpressions: 2, monoImpressions: 3, sheets: 5 });
  });
  it('makes a side colour when any page on it is colour (2-up)', () => {
    // sides: [1,2] colour, [3,4] mono, [5] colour
    expect(impressionsFromPages(pages, { colorMode: 'auto', pagesPerSheet: 2, sides: 'two-sided-long-edge' })).toEqual({ colorImpressions: 2, monoImpressions: 1, sheets: 2 });
  });
  it('honours forced colour and forced mono', () => {
    expect(impressionsFromPages(pages, { colorMode: 'color', pagesPerSheet: 4, sides: 'one-sided' })).toEqual({ colorImpressions: 2, monoImpressions: 0, sheets: 2 });
    expect(impressionsFromPages(pages, { colorMode: 'monochrome', pagesPerSheet: 1, sides: 'one-sided' }).colorImpressions).toBe(0);
  });
});

describe('impressionsFromCounts', () => {
  it('groups colour pages together', () => {
    expect(impressionsFromCounts({ pageCount: 10, colorPageCount: 3 }, { colorMode: 'auto', pagesPerSheet: 2, sides: 'one-sided' })).toEqual({ colorImpressions: 2, monoImpressions: 3, sheets: 5 });
    expect(impressionsFromCounts({ pageCount: 3, colorPageCount: 9 }, { colorMode: 'auto', pagesPerSheet: 1, sides: 'one-sided' }).colorImpressions).toBe(3);
  });
});

describe('quoteJob', () => {
  it('adds pages, finishing and the job fee', () => {
    const result = quoteJob({
      priceList,
      job: { media: 'iso_a4_210x297mm', sides: 'one-sided', copies: 3, finishing: 'staple' },
      impressions: { colorImpressions: 2, monoImpressions: 8, sheets: 10 },
      currency: 'eur',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 8×3×10 + 2×3×45 + 3×30 + 50 = 240 + 270 + 90 + 50 = 650
    expect(result.quote.totalMinor).toBe(650);
    expect(result.quote.lines.map((l) => l.kind)).toEqual(['pages_mono', 'pages_color', 'finishing', 'job_fee']);
  });

  it('uses the two-sided price per impression for duplex', () => {
    const result = quoteJob({
      priceList: { ...priceList, jobFeeMinor: 0, minimumChargeMinor: 0 },
      job: { media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge', copies: 1, finishing: 'none' },
      impressions: { colorImpressions: 0, monoImpressions: 20, sheets: 10 },
      currency: 'eur',
    });
    expect(result.ok && result.quote.totalMinor).toBe(160);
  });

  it('tops up to the minimum charge', () => {
    const result = quoteJob({
      priceList,
      job: { media: 'iso_a4_210x297mm', sides: 'one-sided', copies: 1, finishing: 'none' },
      impressions: { colorImpressions: 0, monoImpressions: 1, sheets: 1 },
      currency: 'eur',
    });
    expect(result.ok && result.quote.totalMinor).toBe(150);
    expect(result.ok && result.quote.lines.at(-1)).toMatchObject({ kind: 'minimum_charge', amountMinor: 90 });
  });

  it('refuses what the shop does not price', () => {
    expect(
      quoteJob({
        priceList,
        job: { media: 'iso_a3_297x420mm', sides: 'one-sided', copies: 1, finishing: 'none' },
        impressions: { colorImpressions: 0, monoImpressions: 1, sheets: 1 },
        currency: 'eur',
      }),
    ).toEqual({ ok: false, reason: 'No black & white one-sided price for this paper size' });
    expect(
      quoteJob({
        priceList,
        job: { media: 'iso_a4_210x297mm', sides: 'one-sided', copies: 1, finishing: 'bind' },
        impressions: { colorImpressions: 0, monoImpressions: 1, sheets: 1 },
        currency: 'eur',
      }).ok,
    ).toBe(false);
  });
});
