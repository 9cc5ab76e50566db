import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { getCustomerOrder } from '@/lib/orders/customer-order';
import { stripe } from './stripe-client';

/**
 * Gives up an unpaid order: its payment page is closed at Stripe first, so it cannot be paid
 * after. Stripe refuses to expire a completed page, and an ambiguous answer may hide either
 * outcome, so after any failure the page itself decides: paid pages are the webhook's to
 * record (the order is paid, not cancelled), pages Stripe cannot confirm closed stay open.
 */
export async function cancelUnpaidOrder(options: { orderId: string; customerId: string }): Promise<{ orderId: string }> {
  const order = await getCustomerOrder(options);
  if (order.status !== 'awaiting_payment') throw new AppError('conflict', 'Only an unpaid order can be cancelled here.');
  if (order.stripeCheckoutSessionId) {
    const sessionId = order.stripeCheckoutSessionId;
    const status = await stripe()
      .checkout.sessions.expire(sessionId)
      .then(() => 'expired' as const)
      .catch(async () => {
        const session = await stripe()
          .checkout.sessions.retrieve(sessionId)
          .catch((error: unknown) => {
            throw new AppError('unavailable', 'Stripe could not be reached to close the payment page. Try again in a moment.', { cause: error });
          });
        return session.status;
      });
    if (status === 'complete') throw new AppError('conflict', 'This order has just been paid. Refresh the page.');
    if (status !== 'expired') throw new AppError('unavailable', 'Stripe did not confirm that the payment page is closed. Try again in a moment.');
  }
  await db.transaction(async (tx) => {
    const [canceled] = await tx
      .update(orders)
      .set({ status: 'canceled', canceledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'awaiting_payment')))
      .returning({ id: orders.id });
    if (canceled) await appendEvent({ type: 'order.canceled', orderId: order.id, shopId: order.shopId, actor: options.customerId, data: { reason: 'Cancelled by the customer before paying.' } }, tx);
  });
  return { orderId: order.id };
}
