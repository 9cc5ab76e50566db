import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { orders, refunds, type TOrderStatus } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from '@/lib/money/money';
import { bookRefund } from './book-refund';
import { orderLedgerSummary } from './ledger';
import { stripe } from './stripe-client';

export type TRefundKind = 'shop_rejected' | 'print_failed' | 'shortfall' | 'admin' | 'order_moved';

/**
 * Refunds part or all of a paid order. The refund row is written first (pending), then Stripe
 * is asked with that row's id as idempotency key, so a retry after a crash cannot refund twice;
 * pending refunds count against what is still refundable. Booked in the ledger when Stripe
 * confirms (now, or later through the charge.refunded webhook).
 */
export async function requestRefund(options: {
  orderId: string;
  amountMinor?: number;
  kind: TRefundKind;
  reason: string;
  requestedBy: string;
  /** Refuse unless the order is in one of these states, checked with the order locked (a held payment must still be held). */
  requireStatus?: readonly TOrderStatus[];
}): Promise<{ refundId: string; amountMinor: number; status: 'pending' | 'succeeded' | 'failed' }> {
  const reserved = await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, options.orderId)).for('update');
    if (!order) throw new AppError('not_found', 'We could not find that order.');
    if (!order.stripePaymentIntentId) throw new AppError('conflict', 'This order has not been paid, so there is nothing to refund.');
    if (options.requireStatus && !options.requireStatus.includes(order.status)) throw new AppError('conflict', 'The order changed meanwhile; look at it again. Nothing was refunded.');
    const summary = await orderLedgerSummary(order.id, tx);
    const [pending] = await tx
      .select({ sum: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id), eq(refunds.status, 'pending')));
    const refundable = summary.paidMinor - summary.refundedMinor - pending.sum;
    const amount = options.amountMinor ?? refundable;
    if (refundable <= 0) throw new AppError('conflict', 'This order has already been refunded in full.');
    if (!Number.isInteger(amount) || amount <= 0) throw new AppError('bad_request', 'Enter an amount above zero.', { fieldErrors: { amount: ['Enter an amount above zero'] } });
    if (amount > refundable) {
      const most = formatMoney(refundable, order.currency);
      throw new AppError('bad_request', `At most ${most} can still be refunded.`, { fieldErrors: { amount: [`At most ${most} can still be refunded`] } });
    }
    const [row] = await tx.insert(refunds).values({ orderId: order.id, amountMinor: amount, kind: options.kind, reason: options.reason, requestedBy: options.requestedBy }).returning();
    return { order, row };
  });

  let refund: Stripe.Refund;
  try {
    refund = await stripe().refunds.create(
      { payment_intent: reserved.order.stripePaymentIntentId!, amount: reserved.row.amountMinor, metadata: { order_id: reserved.order.id, refund_id: reserved.row.id } },
      { idempotencyKey: `refund:${reserved.row.id}` },
    );
  } catch (error) {
    const message = error instanceof Stripe.errors.StripeError ? error.message : 'Stripe could not be reached.';
    await db.update(refunds).set({ status: 'failed', failureMessage: message }).where(eq(refunds.id, reserved.row.id));
    if (error instanceof Stripe.errors.StripeError) throw new AppError('conflict', `Stripe refused the refund: ${message}`, { cause: error });
    throw error;
  }

  const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
  // Order row first, then the refund row: the same lock order as the charge.refunded webhook
  // (sync-order-with-stripe.ts), so the two cannot deadlock when they race.
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, reserved.order.id)).for('update');
    await tx
      .update(refunds)
      .set({ stripeRefundId: refund.id, status, failureMessage: refund.failure_reason ?? null })
      .where(eq(refunds.id, reserved.row.id));
    if (status === 'succeeded') await bookRefund(tx, order, { stripeRefundId: refund.id, amountMinor: refund.amount, reason: options.reason });
  });
  return { refundId: reserved.row.id, amountMinor: reserved.row.amountMinor, status };
}
