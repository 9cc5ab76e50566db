import type { TQuote } from './quote-job';

/**
 * The quote stored on an order: the shop's price for the job (what the customer pays) and
 * the split of it, platform commission and shop earning, as computed when it was quoted.
 * At payment the fee is fixed again with the rule then in force (lib/billing/record-payment.ts).
 */
export type TOrderQuote = TQuote & {
  platformFeeMinor: number;
  shopEarningMinor: number;
  /** Pages of the job as printed, for the shop and the worker. */
  pageCount: number;
  colorPageCount: number;
};
