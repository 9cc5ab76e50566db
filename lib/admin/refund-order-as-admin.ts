import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { orderLedgerSummary } from '@/lib/billing/ledger';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { refundableMinor, refundOrder } from '@/lib/billing/refund-order';
import { formatMoney, parseMoney } from '@/lib/money/money';
import { recordAudit } from './record-audit';

export const ZAdminRefundRequest = z.object({
  orderId: z.uuid('Unknown order'),
  amount: z.string().trim().min(1, 'Enter the amount to refund').max(20, 'Enter an amount like 2.50'),
  reason: z.string().trim().min(3, 'Say why (the customer sees this)').max(500, 'Keep the reason under 500 characters'),
});
export type TAdminRefundRequest = z.infer<typeof ZAdminRefundRequest>;

function amountError(message: string): AppError {
  return new AppError('bad_request', message, { fieldErrors: { amount: [message] } });
}

/**
 * A full or partial refund an admin gives, with the reason the customer reads. The amount is
 * typed money ("2.50"), checked against what is still refundable so a wrong amount is a field
 * error, not a Stripe error. refundOrder then refunds top-ups before the original payment and
 * books the ledger when Stripe confirms.
 *
 * The refund commits in refundOrder's own transactions around the Stripe call, so the audit
 * entry is written right after, with the outcome (also when Stripe refused); the refund row
 * itself names the admin and the reason, so even a crash in between leaves it attributable.
 */
export async function refundOrderAsAdmin(request: TAdminRefundRequest & { adminId: string }): Promise<{ amountMinor: number; currency: string }> {
  const [order] = await db.select({ id: orders.id, number: orders.number, currency: orders.currency, status: orders.status, paidAt: orders.paidAt }).from(orders).where(eq(orders.id, request.orderId));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  if (!order.paidAt) throw new AppError('conflict', 'This order has not been paid, so there is nothing to refund.');
  const refundable = await refundableMinor(order.id);
  if (refundable <= 0) throw amountError('This order has already been refunded in full.');
  const parsed = parseMoney(request.amount, order.currency, { maxMinor: 100_000_000 });
  if (!parsed.ok) throw amountError(parsed.message);
  if (parsed.minor <= 0) throw amountError('Enter an amount above zero');
  if (parsed.minor > refundable) throw amountError(`At most ${formatMoney(refundable, order.currency)} can still be refunded`);

  const amountMinor = parsed.minor;
  const before = { status: order.status, refundableMinor: refundable, refundedMinor: (await orderLedgerSummary(order.id)).refundedMinor };
  const audit = (outcome: Record<string, unknown>) =>
    db.transaction(async (tx) => {
      const [after] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      const { refundedMinor } = await orderLedgerSummary(order.id, tx);
      await recordAudit(
        {
          actorId: request.adminId,
          action: 'order.refund',
          targetType: 'order',
          targetId: order.id,
          reason: request.reason,
          before,
          after: { status: after.status, amountMinor, refundedMinor, ...outcome },
        },
        tx,
      );
    });
  try {
    await refundOrder({ orderId: order.id, amountMinor, kind: 'admin', reason: request.reason, requestedBy: request.adminId });
  } catch (error) {
    await audit({ outcome: 'failed', message: isAppError(error) ? error.message : 'unexpected error' });
    if (isAppError(error) && error.code === 'bad_request') throw amountError(`${error.message} The order changed meanwhile: reload the page.`);
    throw error;
  }
  await audit({ outcome: 'requested' });
  return { amountMinor, currency: order.currency };
}
