import type { TJobOptions } from '@/lib/job-options/job-options';
import type { TPriceList } from '@/lib/shops/shop-schemas';
import type { TImpressions } from './impressions';

export type TQuoteLine = { kind: 'pages_mono' | 'pages_color' | 'finishing' | 'job_fee' | 'minimum_charge'; label: string; quantity: number; unitMinor: number; amountMinor: number };

export type TQuote = {
  currency: string;
  lines: TQuoteLine[];
  /** What the customer pays, in minor units. */
  totalMinor: number;
  /** Per copy, for display and for the print worker's expected impressions. */
  impressions: TImpressions;
  copies: number;
};

export type TQuoteResult = { ok: true; quote: TQuote } | { ok: false; reason: string };

/**
 * The exact price of one job at one shop, in minor units. Pages are charged per impression
 * (printed side) at the shop's price for the media, colour and sides; finishing per copy;
 * then the per-job fee; the minimum charge lifts the total if it is lower.
 *
 * The same formula runs in SQL for search (lib/geo); lib/pricing tests hold them equal.
 */
export function quoteJob(options: { priceList: TPriceList; job: Pick<TJobOptions, 'media' | 'sides' | 'copies' | 'finishing'>; impressions: TImpressions; currency: string }): TQuoteResult {
  const { priceList, job, impressions } = options;
  const sidesKey = job.sides === 'one-sided' ? 'one-sided' : 'two-sided';
  const price = (colorMode: 'monochrome' | 'color') => priceList.prices.find((p) => p.media === job.media && p.colorMode === colorMode && p.sides === sidesKey)?.pricePerPageMinor;
  const lines: TQuoteLine[] = [];
  const sidesLabel = sidesKey === 'one-sided' ? 'one-sided' : 'two-sided';
  const copyLabel = job.copies === 1 ? '' : ` × ${job.copies} copies`;

  if (impressions.monoImpressions > 0) {
    const unit = price('monochrome');
    if (unit === undefined) return { ok: false, reason: `No black & white ${sidesLabel} price for this paper size` };
    const quantity = impressions.monoImpressions * job.copies;
    lines.push({
      kind: 'pages_mono',
      label: `${impressions.monoImpressions} black & white ${impressions.monoImpressions === 1 ? 'page' : 'pages'}${copyLabel}`,
      quantity,
      unitMinor: unit,
      amountMinor: unit * quantity,
    });
  }
  if (impressions.colorImpressions > 0) {
    const unit = price('color');
    if (unit === undefined) return { ok: false, reason: `No colour ${sidesLabel} price for this paper size` };
    const quantity = impressions.colorImpressions * job.copies;
    lines.push({
      kind: 'pages_color',
      label: `${impressions.colorImpressions} colour ${impressions.colorImpressions === 1 ? 'page' : 'pages'}${copyLabel}`,
      quantity,
      unitMinor: unit,
      amountMinor: unit * quantity,
    });
  }
  if (job.finishing !== 'none') {
    const finishing = priceList.finishing.find((f) => f.finishing === job.finishing);
    if (!finishing) return { ok: false, reason: `This shop does not offer ${job.finishing}` };
    lines.push({
      kind: 'finishing',
      label: `${job.finishing[0].toUpperCase()}${job.finishing.slice(1)} × ${job.copies}`,
      quantity: job.copies,
      unitMinor: finishing.priceMinor,
      amountMinor: finishing.priceMinor * job.copies,
    });
  }
  if (priceList.jobFeeMinor > 0) lines.push({ kind: 'job_fee', label: 'Job fee', quantity: 1, unitMinor: priceList.jobFeeMinor, amountMinor: priceList.jobFeeMinor });
  const subtotal = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  if (subtotal < priceList.minimumChargeMinor) {
    const topUp = priceList.minimumChargeMinor - subtotal;
    lines.push({ kind: 'minimum_charge', label: 'Minimum charge top-up', quantity: 1, unitMinor: topUp, amountMinor: topUp });
  }
  const totalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  return { ok: true, quote: { currency: options.currency, lines, totalMinor, impressions, copies: job.copies } };
}
