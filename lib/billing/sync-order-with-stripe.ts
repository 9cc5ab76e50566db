import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { orderMoves, orders, refunds } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { bookRefund } from './book-refund';
import { recordPayment } from './record-payment';
import { stripe } from './stripe-client';
import { isId } from '@/lib/errors/ids';

/**
 * Brings one order in line with what Stripe says, whatever event prompted it: payment,
 * expiry, refunds (of the payment and of any move top-up). Reads state from Stripe instead of
 * trusting the event body, and every step is idempotent, so any order and any number of
 * deliveries converge on the same result.
 */
export async function syncOrderWithStripe(orderId: string): Promise<void> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order?.stripeCheckoutSessionId) return;
  const session = await stripe().checkout.sessions.retrieve(order.stripeCheckoutSessionId, { expand: ['payment_intent.latest_charge'] });
  const paymentIntent = session.payment_intent as Stripe.PaymentIntent | null;
  const charge = paymentIntent?.latest_charge as Stripe.Charge | null | undefined;

  if (session.payment_status === 'paid' && paymentIntent && charge) {
    await recordPayment(orderId, { paymentIntentId: paymentIntent.id, chargeId: charge.id, amountMinor: charge.amount, currency: charge.currency, paidAt: new Date(charge.created * 1000) });
    await syncRefunds(orderId, charge.id);
    const topUps = await db
      .select({ chargeId: orderMoves.stripeChargeId })
      .from(orderMoves)
      .where(and(eq(orderMoves.orderId, orderId), isNotNull(orderMoves.stripeChargeId)));
    for (const topUp of topUps) await syncRefunds(orderId, topUp.chargeId!);
    return;
  }
  if (session.status === 'expired' && order.status === 'awaiting_payment') {
    await db.transaction(async (tx) => {
      const [canceled] = await tx
        .update(orders)
        .set({ status: 'canceled', canceledAt: new Date(), updatedAt: new Date() })
        .where(and(eq(orders.id, orderId), eq(orders.status, 'awaiting_payment')))
        .returning({ id: orders.id });
      if (canceled) await appendEvent({ type: 'order.canceled', orderId, shopId: order.shopId, actor: 'stripe', data: { reason: 'The payment page expired before payment.' } }, tx);
    });
  }
}

/** Books every refund Stripe has for the charge that the ledger does not have yet. */
async function syncRefunds(orderId: string, chargeId: string): Promise<void> {
  const list = await stripe().refunds.list({ charge: chargeId, limit: 100 });
  for (const refund of list.data) {
    await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
      const ourId = isId(refund.metadata?.refund_id ?? '') ? refund.metadata!.refund_id : null;
      const [row] = await tx
        .select()
        .from(refunds)
        .where(and(eq(refunds.orderId, orderId), or(eq(refunds.stripeRefundId, refund.id), ourId ? and(eq(refunds.id, ourId), isNull(refunds.stripeRefundId)) : undefined)));
      const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
      if (row) {
        await tx
          .update(refunds)
          .set({ stripeRefundId: refund.id, status, failureMessage: refund.failure_reason ?? null })
          .where(eq(refunds.id, row.id));
      } else {
        await tx.insert(refunds).values({ orderId, amountMinor: refund.amount, kind: 'stripe', reason: 'Refunded at Stripe', stripeRefundId: refund.id, status });
      }
      if (status === 'succeeded') await bookRefund(tx, order, { stripeRefundId: refund.id, amountMinor: refund.amount, reason: row?.reason ?? 'Refunded at Stripe' });
    });
  }
}
