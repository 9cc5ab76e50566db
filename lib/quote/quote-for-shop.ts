import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shopFinishingPrices, shops, type TShop } from '@/db/schema/index';
import type { TOrderQuote } from './order-quote';
import { feeRuleAt, platformFeeFor } from './platform-fee';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { isDuplex, type TJobOptions } from '@/lib/job-options/job-options';
import { MEDIA } from '@/lib/job-options/media';
import { impressionsForDocuments, type TPageColors } from './impressions';
import { quoteJob } from './quote-job';
import { getPriceList } from '@/lib/shops/shop-prices';

type TReader = Pick<typeof db, 'select'>;

/** Why this shop cannot take this job right now, in the customer's words; null when it can. */
async function whyShopCannot(shop: TShop, options: TJobOptions, needsColor: boolean, executor: TReader): Promise<string | null> {
  if (shop.status !== 'active') return 'This shop is not taking orders at the moment.';
  if (shop.capPagesPerMinute === 0) return 'None of this shop’s printers is online right now.';
  if (!shop.capMedia.includes(options.media)) return `This shop cannot print on ${MEDIA[options.media].label} right now.`;
  if (needsColor && !shop.capColor) return 'This shop cannot print in colour right now.';
  if (isDuplex(options.sides) && !shop.capDuplex) return 'This shop cannot print two-sided right now.';
  if (options.finishing !== 'none') {
    const [offered] = await executor
      .select()
      .from(shopFinishingPrices)
      .where(and(eq(shopFinishingPrices.shopId, shop.id), eq(shopFinishingPrices.finishing, options.finishing)));
    if (!offered || (!offered.isManual && !shop.capFinishings.includes(options.finishing))) return `This shop does not offer ${options.finishing} finishing right now.`;
  }
  return null;
}

/**
 * The exact quote for a job at one shop, from its current price list and capabilities, with
 * the platform's commission split out (commission is taken from the shop's price; the
 * customer pays the shop's price). Throws a clear error when the shop cannot do the job.
 * Pass the transaction of a caller that stores the order, so everything is read on its
 * connection (a second connection per order would exhaust the pool under load).
 */
export async function quoteForShop(options: { shopId: string; job: TJobOptions; documents: TPageColors[]; at?: Date; executor?: TReader }): Promise<{ shop: TShop; quote: TOrderQuote }> {
  const executor = options.executor ?? db;
  const [shop] = await executor.select().from(shops).where(eq(shops.id, options.shopId));
  if (!shop) throw new AppError('not_found', 'We could not find that shop.');
  const impressions = impressionsForDocuments(options.documents, options.job);
  const why = await whyShopCannot(shop, options.job, impressions.colorImpressions > 0, executor);
  if (why) throw new AppError('unprocessable', why);
  const currency = env().CURRENCY;
  const result = quoteJob({ priceList: await getPriceList(shop.id, executor), job: options.job, impressions, currency });
  if (!result.ok) throw new AppError('unprocessable', `${shop.name}: ${result.reason}.`);
  const platformFeeMinor = platformFeeFor(result.quote.totalMinor, await feeRuleAt(options.at ?? new Date(), executor));
  const pages = options.documents.flat();
  return {
    shop,
    quote: {
      ...result.quote,
      platformFeeMinor,
      shopEarningMinor: result.quote.totalMinor - platformFeeMinor,
      pageCount: pages.length,
      colorPageCount: pages.filter(Boolean).length,
    },
  };
}
