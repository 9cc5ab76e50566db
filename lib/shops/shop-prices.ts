import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shopFinishingPrices, shopPrices, shops } from '@/db/schema';
import { getOwnedShop } from './shop-access';
import type { TPriceList } from './shop-schemas';

/** Pass the transaction of a caller that prices and stores an order with it. */
export async function getPriceList(shopId: string, executor: Pick<typeof db, 'select'> = db): Promise<TPriceList> {
  const [shop] = await executor.select({ jobFeeMinor: shops.jobFeeMinor, minimumChargeMinor: shops.minimumChargeMinor }).from(shops).where(eq(shops.id, shopId));
  const [prices, finishing] = await Promise.all([
    executor.select().from(shopPrices).where(eq(shopPrices.shopId, shopId)),
    executor.select().from(shopFinishingPrices).where(eq(shopFinishingPrices.shopId, shopId)),
  ]);
  return {
    prices: prices.map(({ media, colorMode, sides, pricePerPageMinor }) => ({ media, colorMode, sides, pricePerPageMinor })),
    jobFeeMinor: shop?.jobFeeMinor ?? 0,
    minimumChargeMinor: shop?.minimumChargeMinor ?? 0,
    finishing: finishing.map(({ finishing: kind, priceMinor, isManual }) => ({ finishing: kind, priceMinor, isManual })),
  };
}

/** The whole price list is replaced in one transaction; quotes read it whole or not at all. */
export async function replacePriceList(options: { shopId: string; ownerId: string; priceList: TPriceList }): Promise<void> {
  await getOwnedShop(options);
  const { shopId, priceList } = options;
  await db.transaction(async (tx) => {
    await tx.delete(shopPrices).where(eq(shopPrices.shopId, shopId));
    await tx.delete(shopFinishingPrices).where(eq(shopFinishingPrices.shopId, shopId));
    if (priceList.prices.length) await tx.insert(shopPrices).values(priceList.prices.map((p) => ({ ...p, shopId })));
    if (priceList.finishing.length) await tx.insert(shopFinishingPrices).values(priceList.finishing.map((f) => ({ ...f, shopId })));
    await tx.update(shops).set({ jobFeeMinor: priceList.jobFeeMinor, minimumChargeMinor: priceList.minimumChargeMinor, updatedAt: new Date() }).where(eq(shops.id, shopId));
  });
}
