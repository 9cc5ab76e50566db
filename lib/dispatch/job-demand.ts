import { paidImpressions } from '@/lib/quote/impressions';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { isDuplex, type TFinishing, type TJobOptions } from '@/lib/job-options/job-options';
import type { TJobDemand } from './choose-printer';

/**
 * What a printer must be able to do for this order. Finishing the shop does by hand at the
 * counter (a manual finishing price, binding usually) asks nothing of the printer.
 */
export function jobDemand(order: { options: TJobOptions; quote: Pick<TOrderQuote, 'impressions' | 'copies'> }, manualFinishings: readonly TFinishing[]): TJobDemand {
  const { options, quote } = order;
  const isManual = options.finishing !== 'none' && manualFinishings.includes(options.finishing);
  const hasColorPages = quote.impressions.colorImpressions > 0;
  return {
    needs: {
      media: options.media,
      colorMode: options.colorMode,
      hasColorPages,
      isDuplex: isDuplex(options.sides),
      finishing: isManual ? 'none' : options.finishing,
    },
    impressions: paidImpressions(quote),
    isColor: options.colorMode === 'color' || (options.colorMode === 'auto' && hasColorPages),
  };
}
