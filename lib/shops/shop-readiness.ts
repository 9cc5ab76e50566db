import { count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, shopHours, shopPrices, type TShop } from '@/db/schema';
import { missingPricesForShop } from './missing-prices';

export type TReadinessStep = { key: 'profile' | 'hours' | 'prices' | 'printers'; label: string; isDone: boolean; detail: string };

/** What a shop still lacks before customers can order from it, in onboarding order. */
export async function shopReadiness(shop: TShop): Promise<TReadinessStep[]> {
  const [[hours], [prices], [fleet], missing] = await Promise.all([
    db.select({ n: count() }).from(shopHours).where(eq(shopHours.shopId, shop.id)),
    db.select({ n: count() }).from(shopPrices).where(eq(shopPrices.shopId, shop.id)),
    db.select({ n: count() }).from(printers).where(eq(printers.shopId, shop.id)),
    missingPricesForShop(shop.id),
  ]);
  return [
    { key: 'profile', label: 'Shop details and map pin', isDone: true, detail: `${shop.addressLine}, ${shop.city}` },
    { key: 'hours', label: 'Opening hours', isDone: hours.n > 0, detail: hours.n > 0 ? `${hours.n} opening times a week` : 'No hours yet: you will show as closed' },
    {
      key: 'prices',
      label: 'Price list',
      isDone: prices.n > 0 && missing.length === 0,
      detail: prices.n === 0 ? 'No prices yet: nobody can get a quote' : missing.length ? `No price yet for ${missing.map((m) => m.label).join(', ')}` : `${prices.n} prices`,
    },
    {
      key: 'printers',
      label: 'A printer online',
      isDone: shop.capPagesPerMinute > 0,
      detail: fleet.n === 0 ? 'No printers connected' : shop.capPagesPerMinute > 0 ? `${shop.capPagesPerMinute} pages/min ready` : 'Printers connected, but none is online and enabled',
    },
  ];
}
