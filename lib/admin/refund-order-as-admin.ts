import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders, printJobs } from '@/db/schema';
import { orderLedgerSummary } from '@/lib/billing/ledger';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { refundableMinor, refundOrder } from '@/lib/billing/refund-order';
import { refundEffect, type TRefundEffect } from '@/lib/billing/refund-split';
import { shortfallRefundMinor } from '@/lib/billing/shortfall';
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

/** The order and the amount an admin typed, checked against what is still refundable (field errors, not Stripe errors). */
async function checkedRefund(request: { orderId: string; amount: string }) {
  const [order] = await db
    .select({ id: orders.id, number: orders.number, currency: orders.currency, status: orders.status, paidAt: orders.paidAt, platformFeeMinor: orders.platformFeeMinor })
    .from(orders)
    .where(eq(orders.id, request.orderId));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  if (!order.paidAt) throw new AppError('conflict', 'This order has not been paid, so there is nothing to refund.');
  const refundable = await refundableMinor(order.id);
  if (refundable <= 0) throw amountError('This order has already been refunded in full.');
  const parsed = parseMoney(request.amount, order.currency, { maxMinor: 100_000_000 });
  if (!parsed.ok) throw amountError(parsed.message);
  if (parsed.minor <= 0) throw amountError('Enter an amount above zero');
  if (parsed.minor > refundable) throw amountError(`At most ${formatMoney(refundable, order.currency)} can still be refunded`);
  return { order, refundable, amountMinor: parsed.minor };
}

export type TAdminRefundPreview = { orderNumber: string; currency: string; refundableMinor: number; effect: TRefundEffect };

/**
 * What a refund would do, before the admin confirms it: the customer's money back, the
 * shop's earning and the platform fee for this order before and after, by the ledger's own
 * rules (refundEffect). The same checks as the refund itself, reason included; nothing is changed.
 */
export async function previewAdminRefund(request: TAdminRefundRequest): Promise<TAdminRefundPreview> {
  const { order, refundable, amountMinor } = await checkedRefund(request);
  const summary = await orderLedgerSummary(order.id);
  const effect = refundEffect(
    {
      paidMinor: summary.paidMinor,
      refundedMinor: summary.refundedMinor,
      platformFeeMinor: order.platformFeeMinor,
      isEarningBooked: summary.isEarningBooked,
      booked: { shopMinor: summary.shopBookedMinor, feeMinor: summary.feeBookedMinor },
    },
    amountMinor,
  );
  return { orderNumber: order.number, currency: order.currency, refundableMinor: refundable, effect };
}

/**
 * One-tap amounts for the refund form, which otherwise starts empty: everything still
 * refundable, and the pages the printer did not print when the order's latest job ended short
 * (priced as the automatic shortfall refund is).
 */
export async function adminRefundSuggestions(orderId: string): Promise<{ fullRemainingMinor: number; pagesNotPrintedMinor: number | null }> {
  const fullRemainingMinor = await refundableMinor(orderId);
  const [order] = await db.select({ quote: orders.quote }).from(orders).where(eq(orders.id, orderId));
  const [job] = await db
    .select({ state: printJobs.state, expected: printJobs.expectedImpressions, completed: printJobs.impressionsCompleted })
    .from(printJobs)
    .where(eq(printJobs.orderId, orderId))
    .orderBy(desc(printJobs.createdAt))
    .limit(1);
  if (!order || !job || job.expected === null || job.state !== 'printed') return { fullRemainingMinor, pagesNotPrintedMinor: null };
  const missing = Math.min(shortfallRefundMinor(order.quote, { impressionsCompleted: job.completed, expectedImpressions: job.expected }), fullRemainingMinor);
  return { fullRemainingMinor, pagesNotPrintedMinor: missing > 0 ? missing : null };
}

/**
 * A full or partial refund an admin gives, with the reason the customer reads, after they saw
 * its effect (previewAdminRefund) and confirmed. The amount is typed money ("2.50"), checked
 * against what is still refundable so a wrong amount is a field error, not a Stripe error.
 * refundOrder then refunds top-ups before the original payment and books the ledger when
 * Stripe confirms.
 *
 * The refund commits in refundOrder's own transactions around the Stripe call, so the audit
 * entry is written right after, with the outcome (also when Stripe refused); the refund row
 * itself names the admin and the reason, so even a crash in between leaves it attributable.
 */
export async function refundOrderAsAdmin(request: TAdminRefundRequest & { adminId: string }): Promise<{ amountMinor: number; currency: string }> {
  const { order, refundable, amountMinor } = await checkedRefund(request);
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
