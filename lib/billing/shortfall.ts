import type { TOrderQuote } from '@/lib/quote/order-quote';
import { paidImpressions } from '@/lib/quote/impressions';

/**
 * Proven output: what to refund when the printer reported fewer impressions than the job
 * needed. The share of the paid impressions that did not print is refunded at the page
 * prices paid (mono and colour lines together, pro rata); the job fee, finishing and any
 * minimum-charge top-up are for the job as a whole and stay. Printer impressions can exceed
 * the paid ones (blank padding between documents is not charged), hence the proportion.
 */
export function shortfallRefundMinor(quote: Pick<TOrderQuote, 'impressions' | 'copies' | 'lines'>, printed: { impressionsCompleted: number; expectedImpressions: number }): number {
  const paid = paidImpressions(quote);
  if (paid <= 0 || printed.expectedImpressions <= 0) return 0;
  const printedShare = Math.min(printed.impressionsCompleted, printed.expectedImpressions) / printed.expectedImpressions;
  const missing = paid - Math.floor(paid * printedShare);
  if (missing <= 0) return 0;
  const pagesMinor = quote.lines.filter((line) => line.kind === 'pages_mono' || line.kind === 'pages_color').reduce((sum, line) => sum + line.amountMinor, 0);
  return Math.round((pagesMinor * missing) / paid);
}
