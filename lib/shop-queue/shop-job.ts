import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printJobs, type TOrder, type TPrintJob } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { isId } from '@/lib/errors/ids';

export type TShopJobRef = { shopId: string; ownerId: string; jobId: string };
export type TShopOrderRef = { shopId: string; ownerId: string; orderId: string };

/** A job of the owner's shop; another shop's job and a missing one look the same (404). */
export async function getShopJob(ref: TShopJobRef): Promise<TPrintJob> {
  await getOwnedShop(ref);
  if (!isId(ref.jobId)) throw new AppError('not_found', 'We could not find that job.');
  const [job] = await db
    .select()
    .from(printJobs)
    .where(and(eq(printJobs.id, ref.jobId), eq(printJobs.shopId, ref.shopId)));
  if (!job) throw new AppError('not_found', 'We could not find that job.');
  return job;
}

/** An order the owner's shop is printing now (orders that moved away are no longer theirs). */
export async function getShopOrder(ref: TShopOrderRef): Promise<TOrder> {
  await getOwnedShop(ref);
  if (!isId(ref.orderId)) throw new AppError('not_found', 'We could not find that order.');
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, ref.orderId), eq(orders.shopId, ref.shopId), isNotNull(orders.paidAt)));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  return order;
}

/** The shop's order with this number (e.g. NP-7K3F9Q, from a scanned pickup QR), or null. */
export async function findShopOrderByNumber(ref: { shopId: string; ownerId: string; number: string }): Promise<TOrder | null> {
  await getOwnedShop(ref);
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, ref.shopId), eq(orders.number, ref.number.toUpperCase()), isNotNull(orders.paidAt)));
  return order ?? null;
}
