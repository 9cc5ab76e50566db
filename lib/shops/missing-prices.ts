import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, shopPrices } from '@/db/schema';
import { MEDIA, MEDIA_NAMES, type TMedia } from '@/lib/job-options/media';

export type TMissingPrice = { media: TMedia; colorMode: 'monochrome' | 'color'; label: string };

const COLOR_LABEL = { monochrome: 'black & white', color: 'colour' } as const;

/**
 * The paper sizes and colour modes the shop's printers can do that its price list does not
 * price, in the order of the price list form (A4 first, black & white before colour). A size
 * and mode counts as priced when either side is priced: a shop may offer only one-sided.
 * Every printer does black & white; colour printers also colour. Sizes Nearprint does not
 * sell (envelopes, photo paper) are not asked for.
 */
export function findMissingPrices(fleet: { media: string[]; isColor: boolean }[], prices: { media: string; colorMode: string }[]): TMissingPrice[] {
  const priced = new Set(prices.map((p) => `${p.media}|${p.colorMode}`));
  const missing: TMissingPrice[] = [];
  for (const media of MEDIA_NAMES) {
    for (const colorMode of ['monochrome', 'color'] as const) {
      const canPrint = fleet.some((p) => p.media.includes(media) && (colorMode === 'monochrome' || p.isColor));
      if (canPrint && !priced.has(`${media}|${colorMode}`)) missing.push({ media, colorMode, label: `${MEDIA[media].label} ${COLOR_LABEL[colorMode]}` });
    }
  }
  return missing;
}

/**
 * What a shop must still price, from its enabled printers (online or not: a printer that is
 * off today still takes jobs tomorrow). Pass the transaction that decides on it.
 */
export async function missingPricesForShop(shopId: string, executor: Pick<typeof db, 'select'> = db): Promise<TMissingPrice[]> {
  const [fleet, prices] = await Promise.all([
    executor
      .select({ media: printers.media, isColor: printers.isColor })
      .from(printers)
      .where(and(eq(printers.shopId, shopId), eq(printers.isEnabled, true))),
    executor.select({ media: shopPrices.media, colorMode: shopPrices.colorMode }).from(shopPrices).where(eq(shopPrices.shopId, shopId)),
  ]);
  return findMissingPrices(fleet, prices);
}
