import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders, refunds } from '@/db/schema';
import { orderLedgerSummary } from '@/lib/billing/ledger';
import { refundableMinor, refundOrder } from '@/lib/billing/refund-order';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { recordAudit } from './record-audit';

export const ZAdminHeldPaymentRequest = z.object({
  orderId: z.uuid('Unknown order'),
  reason: z.string().trim().min(3, 'Say what you checked (the customer sees this)').max(500, 'Keep the reason under 500 characters'),
});
export type TAdminHeldPaymentRequest = z.infer<typeof ZAdminHeldPaymentRequest>;

function notHeld(status: string): AppError {
  return new AppError('conflict', `This order is not held for a payment check (it is ${status.replace('_', ' ')}). Reload the page.`);
}

/**
 * An admin checked a payment whose amount differed from the order (record-payment.ts held it)
 * and lets it print as paid: the order becomes paid and gets its print job, with the event and
 * the audit entry, in one transaction with the order locked. Refused when the hold has ended,
 * or when nothing is left of the payment (a refund is made or on its way): a refund and a
 * release of the same order serialise on that lock, so one of them wins, never both.
 */
export async function releaseHeldPaymentAsAdmin(request: TAdminHeldPaymentRequest & { adminId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, request.orderId)).for('update');
    if (!order) throw new AppError('not_found', 'We could not find that order.');
    if (order.status !== 'payment_review') throw notHeld(order.status);
    const summary = await orderLedgerSummary(order.id, tx);
    const [pending] = await tx
      .select({ sum: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id), eq(refunds.status, 'pending')));
    if (pending.sum > 0) throw new AppError('conflict', 'A refund of this order is on its way, so it cannot print. Wait for it, then look again.');
    const heldMinor = summary.paidMinor - summary.refundedMinor;
    if (heldMinor <= 0) throw new AppError('conflict', 'Nothing is left of this payment, so it cannot print.');
    await tx.update(orders).set({ status: 'paid', updatedAt: new Date() }).where(eq(orders.id, order.id));
    await appendEvent(
      { type: 'order.payment_released', orderId: order.id, shopId: order.shopId, actor: request.adminId, data: { reason: request.reason, heldMinor, totalMinor: order.totalMinor } },
      tx,
    );
    await createPrintJob(tx, order, { actor: request.adminId });
    await enqueueCustomerMail(tx, order.id, { kind: 'order.receipt', orderId: order.id }, `order.receipt:${order.id}`);
    await recordAudit(
      {
        actorId: request.adminId,
        action: 'order.release_held_payment',
        targetType: 'order',
        targetId: order.id,
        reason: request.reason,
        before: { status: order.status, paidMinor: summary.paidMinor, refundedMinor: summary.refundedMinor, totalMinor: order.totalMinor },
        after: { status: 'paid' },
      },
      tx,
    );
  });
}

/**
 * An admin refunds a held payment in full instead of printing it. The refund is reserved with
 * the order locked and still held (requireStatus), so a release that got there first makes this
 * a clear conflict rather than a refund of an order that prints. Stripe is asked outside any
 * transaction, so the audit entry follows with the outcome, as for any admin refund; the order
 * becomes refunded when Stripe confirms.
 */
export async function refundHeldPaymentAsAdmin(request: TAdminHeldPaymentRequest & { adminId: string }): Promise<{ amountMinor: number; currency: string }> {
  const [order] = await db.select().from(orders).where(eq(orders.id, request.orderId));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  if (order.status !== 'payment_review') throw notHeld(order.status);
  const amountMinor = await refundableMinor(order.id);
  if (amountMinor <= 0) throw new AppError('conflict', 'This payment has already been refunded in full.');
  const audit = (outcome: Record<string, unknown>) =>
    db.transaction(async (tx) => {
      const [after] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      await recordAudit(
        {
          actorId: request.adminId,
          action: 'order.refund_held_payment',
          targetType: 'order',
          targetId: order.id,
          reason: request.reason,
          before: { status: order.status },
          after: { status: after.status, amountMinor, ...outcome },
        },
        tx,
      );
    });
  try {
    await refundOrder({ orderId: order.id, amountMinor, kind: 'admin', reason: request.reason, requestedBy: request.adminId, requireStatus: ['payment_review'] });
  } catch (error) {
    await audit({ outcome: 'failed', message: isAppError(error) ? error.message : 'unexpected error' });
    throw error;
  }
  await audit({ outcome: 'requested' });
  return { amountMinor, currency: order.currency };
}
