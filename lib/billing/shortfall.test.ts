import { describe, expect, it } from 'vitest';
import type { TQuoteLine } from '@/lib/quote/quote-job';
import { shortfallRefundMinor } from './shortfall';

const line = (kind: TQuoteLine['kind'], amountMinor: number): TQuoteLine => ({ kind, label: kind, quantity: 1, unitMinor: amountMinor, amountMinor });
// 4 mono + 1 colour impressions per copy, 2 copies: 8 × 10 + 2 × 50 = 180 for pages, €1 job fee.
const quote = { impressions: { monoImpressions: 4, colorImpressions: 1, sheets: 5 }, copies: 2, lines: [line('pages_mono', 80), line('pages_color', 100), line('job_fee', 100)] };

describe('shortfallRefundMinor (proven output)', () => {
  it('refunds nothing when everything printed', () => {
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 10, expectedImpressions: 10 })).toBe(0);
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 12, expectedImpressions: 10 })).toBe(0);
  });

  it('refunds the unprinted share of the page lines, keeping the job fee', () => {
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 6, expectedImpressions: 10 })).toBe(72);
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 0, expectedImpressions: 10 })).toBe(180);
  });

  it('scales when the printer prints more impressions than were paid (blank padding between documents)', () => {
    // 12 printer impressions for 10 paid: 6 printed is half.
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 6, expectedImpressions: 12 })).toBe(90);
  });

  it('has nothing to refund for an empty expectation', () => {
    expect(shortfallRefundMinor(quote, { impressionsCompleted: 0, expectedImpressions: 0 })).toBe(0);
  });
});
