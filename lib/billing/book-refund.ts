import { eq } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { orders, type TOrder } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { orderLedgerSummary, postLedgerTransaction } from './ledger';
import { refundReversal } from './refund-split';

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];

/**
 * Books a refund Stripe has confirmed. Before the shop's earning is booked the money comes
 * back out of customer_prepaid; after it, the refund reverses the earning in proportion
 * (shop share and platform commission), which can leave a shop owing money if it was
 * already paid out: the next payout nets it. Marks the order refunded when nothing is left.
 * The customer's refund mail is enqueued in the same transaction, once per Stripe refund.
 */
export async function bookRefund(tx: TTx, order: TOrder, refund: { stripeRefundId: string; amountMinor: number; reason: string }): Promise<boolean> {
  const summary = await orderLedgerSummary(order.id, tx);
  const amount = refund.amountMinor;
  let lines;
  if (!summary.isEarningBooked) {
    lines = [
      { account: 'customer_prepaid' as const, amountMinor: amount },
      { account: 'stripe_balance' as const, amountMinor: -amount },
    ];
  } else {
    const reversal = refundReversal(amount, { shopMinor: summary.shopBookedMinor, feeMinor: summary.feeBookedMinor });
    lines = [
      { account: 'platform_revenue' as const, amountMinor: reversal.feeMinor },
      { account: 'shop_payable' as const, amountMinor: reversal.shopMinor, shopId: order.shopId },
      { account: 'stripe_balance' as const, amountMinor: -amount },
    ];
  }
  const isBooked = await postLedgerTransaction(
    { kind: 'refund', stripeObjectId: refund.stripeRefundId, orderId: order.id, shopId: order.shopId, description: `Refund for ${order.number}: ${refund.reason}`, currency: order.currency, lines },
    tx,
  );
  if (!isBooked) return false;
  const refundedAfter = summary.refundedMinor + amount;
  if (refundedAfter >= summary.paidMinor && order.status !== 'refunded') {
    await tx.update(orders).set({ status: 'refunded', updatedAt: new Date() }).where(eq(orders.id, order.id));
  }
  await appendEvent({ type: 'order.refunded', orderId: order.id, shopId: order.shopId, actor: 'stripe', data: { amountMinor: amount, refundedTotalMinor: refundedAfter, reason: refund.reason } }, tx);
  await enqueueCustomerMail(
    tx,
    order.id,
    { kind: 'order.refunded', orderId: order.id, amountMinor: amount, refundedTotalMinor: refundedAfter, reason: refund.reason.slice(0, 500) },
    `order.refunded:${refund.stripeRefundId}`,
  );
  return true;
}
