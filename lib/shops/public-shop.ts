import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, shops, type TShop } from '@/db/schema';
import { getOpeningSchedule } from './shop-hours';
import { getPriceList } from './shop-prices';
import type { TOpeningSchedule } from './opening-hours';
import type { TPriceList } from './shop-schemas';

export type TPublicPrinter = { name: string; isColor: boolean; isDuplex: boolean; media: string[]; finishings: string[]; pagesPerMinute: number; isOnline: boolean };

export type TPublicShop = {
  shop: Pick<
    TShop,
    | 'id'
    | 'name'
    | 'description'
    | 'phone'
    | 'email'
    | 'addressLine'
    | 'city'
    | 'postcode'
    | 'country'
    | 'lat'
    | 'lng'
    | 'timezone'
    | 'capColor'
    | 'capDuplex'
    | 'capMedia'
    | 'capFinishings'
    | 'capPagesPerMinute'
  >;
  schedule: TOpeningSchedule;
  priceList: TPriceList;
  /** Enabled printers only: what the shop can actually print on. */
  printers: TPublicPrinter[];
};

/**
 * What anyone may see about a shop that is listed (active): contact details, hours, prices and
 * printers. A shop under review or suspended has no public page (null), as it has no place in
 * search either.
 */
export async function getPublicShop(shopId: string): Promise<TPublicShop | null> {
  const [shop] = await db
    .select()
    .from(shops)
    .where(and(eq(shops.id, shopId), eq(shops.status, 'active')));
  if (!shop) return null;
  const [schedule, priceList, fleet] = await Promise.all([
    getOpeningSchedule(shop.id, shop.timezone),
    getPriceList(shop.id),
    db
      .select({
        name: printers.name,
        isColor: printers.isColor,
        isDuplex: printers.isDuplex,
        media: printers.media,
        finishings: printers.finishings,
        pagesPerMinute: printers.pagesPerMinute,
        isOnline: printers.isOnline,
      })
      .from(printers)
      .where(and(eq(printers.shopId, shop.id), eq(printers.isEnabled, true)))
      .orderBy(asc(printers.name)),
  ]);
  const { id, name, description, phone, email, addressLine, city, postcode, country, lat, lng, timezone, capColor, capDuplex, capMedia, capFinishings, capPagesPerMinute } = shop;
  return {
    shop: { id, name, description, phone, email, addressLine, city, postcode, country, lat, lng, timezone, capColor, capDuplex, capMedia, capFinishings, capPagesPerMinute },
    schedule,
    priceList,
    printers: fleet,
  };
}
