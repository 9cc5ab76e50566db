import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops, type TShop } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';

/**
 * The shop, if this owner owns it. Another owner's shop and a missing shop look the same
 * (404), so ids cannot be probed.
 */
export async function getOwnedShop(options: { shopId: string; ownerId: string }): Promise<TShop> {
  if (!isId(options.shopId)) throw new AppError('not_found', 'We could not find that shop.');
  const [shop] = await db
    .select()
    .from(shops)
    .where(and(eq(shops.id, options.shopId), eq(shops.ownerId, options.ownerId)));
  if (!shop) throw new AppError('not_found', 'We could not find that shop.');
  return shop;
}
