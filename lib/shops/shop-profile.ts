import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops, type TShop } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { getOwnedShop } from './shop-access';
import type { TShopProfileRequest } from './shop-schemas';

/** A new shop waits for an admin's review before it appears in search. */
export async function createShop(options: { ownerId: string; profile: TShopProfileRequest }): Promise<TShop> {
  return db.transaction(async (tx) => {
    const [shop] = await tx
      .insert(shops)
      .values({ ...options.profile, ownerId: options.ownerId, status: 'pending_review' })
      .returning();
    await appendEvent({ type: 'shop.created', shopId: shop.id, actor: options.ownerId, data: { name: shop.name } }, tx);
    return shop;
  });
}

export async function updateShopProfile(options: { shopId: string; ownerId: string; profile: TShopProfileRequest }): Promise<void> {
  await getOwnedShop(options);
  await db
    .update(shops)
    .set({ ...options.profile, updatedAt: new Date() })
    .where(eq(shops.id, options.shopId));
}

export async function setAutoAccept(options: { shopId: string; ownerId: string; autoAccept: boolean }): Promise<void> {
  await getOwnedShop(options);
  await db.update(shops).set({ autoAccept: options.autoAccept, updatedAt: new Date() }).where(eq(shops.id, options.shopId));
}
