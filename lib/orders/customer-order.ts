import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type TOrder } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';

/** The customer's own order; anyone else's looks exactly like a missing one. */
export async function getCustomerOrder(options: { orderId: string; customerId: string }): Promise<TOrder> {
  if (!isId(options.orderId)) throw new AppError('not_found', 'We could not find that order.');
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, options.orderId), eq(orders.customerId, options.customerId)));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  return order;
}
