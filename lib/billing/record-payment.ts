import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { postLedgerTransaction } from './ledger';
import { feeRuleAt, platformFeeFor } from '@/lib/quote/platform-fee';

export type TConfirmedPayment = { paymentIntentId: string; chargeId: string; amountMinor: number; currency: string; paidAt: Date };

/**
 * Marks an order paid from a payment Stripe confirmed, once: the charge id is the ledger key
 * and the order row is locked, so duplicate or concurrent webhooks book it exactly once.
 * The platform fee is fixed here with the rule in force at payment time, and the order's print
 * job and the customer's receipt mail are created in the same transaction.
 *
 * A payment whose amount or currency differs from the order's total is booked (the money is
 * real and the ledger must match Stripe) but the order is held for an admin
 * (`payment_review`, no print job): it is never printed silently. The admin releases it to
 * print as paid, or refunds it (lib/admin/review-held-payment.ts).
 * Returns true when this call recorded it.
 */
export async function recordPayment(orderId: string, payment: TConfirmedPayment): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order || order.stripeChargeId) return false;
    const rule = await feeRuleAt(payment.paidAt, tx);
    const platformFeeMinor = platformFeeFor(payment.amountMinor, rule);
    await postLedgerTransaction(
      {
        kind: 'charge',
        stripeObjectId: payment.chargeId,
        orderId,
        shopId: order.shopId,
        description: `Payment for ${order.number}`,
        currency: payment.currency,
        lines: [
          { account: 'stripe_balance', amountMinor: payment.amountMinor },
          { account: 'customer_prepaid', amountMinor: -payment.amountMinor },
        ],
      },
      tx,
    );
    const isMismatch = payment.amountMinor !== order.totalMinor || payment.currency !== order.currency;
    const isUnpaid = order.status === 'awaiting_payment' || order.status === 'canceled';
    await tx
      .update(orders)
      .set({
        status: isMismatch ? 'payment_review' : isUnpaid ? 'paid' : order.status,
        stripePaymentIntentId: payment.paymentIntentId,
        stripeChargeId: payment.chargeId,
        platformFeeMinor,
        paidAt: payment.paidAt,
        canceledAt: null,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, orderId));
    await appendEvent(
      {
        type: isMismatch ? 'order.paid_amount_mismatch' : 'order.paid',
        orderId,
        shopId: order.shopId,
        actor: 'stripe',
        data: {
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          expectedMinor: order.totalMinor,
          expectedCurrency: order.currency,
          platformFeeMinor,
          ...(isMismatch ? { isHeld: true } : {}),
        },
      },
      tx,
    );
    if (!isMismatch) {
      await createPrintJob(tx, order);
      // The receipt commits with the payment; a held payment gets it when an admin releases it.
      await enqueueCustomerMail(tx, orderId, { kind: 'order.receipt', orderId }, `order.receipt:${orderId}`);
    }
    return true;
  });
}
