import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { refundableMinor } from '@/lib/billing/refund-order';
import { minorToDecimalString } from '@/lib/money/money';
import { recordAudit } from './record-audit';
import { refundOrderAsAdmin } from './refund-order-as-admin';
import { stopOrderJobs, type TStoppedJobs } from './stop-order-jobs';

export const ZAdminCancelOrderRequest = z.object({
  orderId: z.uuid('Unknown order'),
  reason: z.string().trim().min(3, 'Say why (the customer and the shop see this)').max(500, 'Keep the reason under 500 characters'),
});
export type TAdminCancelOrderRequest = z.infer<typeof ZAdminCancelOrderRequest>;

const CANCELABLE = ['paid', 'printing', 'ready'] as const;

/**
 * Cancels a paid order for good: its print jobs stop (at once, or at the printer through the
 * dispatcher), then whatever the order still holds is refunded. The stop, its event and its
 * audit entry commit together; the refund talks to Stripe, so it follows the commit and, if
 * Stripe refuses, the admin is told and can refund again from the order page.
 */
export async function cancelOrderAsAdmin(request: TAdminCancelOrderRequest & { adminId: string }): Promise<{ stopped: TStoppedJobs; refundedMinor: number }> {
  const stopped = await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, request.orderId)).for('update');
    if (!order) throw new AppError('not_found', 'We could not find that order.');
    if (!(CANCELABLE as readonly string[]).includes(order.status)) {
      const why =
        order.status === 'collected' ? 'It was already collected; refund it instead if needed.' : order.status === 'awaiting_payment' ? 'It has not been paid yet.' : `It is already ${order.status}.`;
      throw new AppError('conflict', `This order cannot be cancelled. ${why}`);
    }
    const result = await stopOrderJobs(tx, { orderId: order.id, reason: `Cancelled by Nearprint: ${request.reason}`, actor: request.adminId });
    await appendEvent({ type: 'order.canceled_by_admin', orderId: order.id, shopId: order.shopId, actor: request.adminId, data: { reason: request.reason, ...result } }, tx);
    await recordAudit(
      { actorId: request.adminId, action: 'order.cancel', targetType: 'order', targetId: order.id, reason: request.reason, before: { status: order.status }, after: { ...result } },
      tx,
    );
    return result;
  });
  const refundable = await refundableMinor(request.orderId);
  if (refundable <= 0) return { stopped, refundedMinor: 0 };
  const [order] = await db.select({ currency: orders.currency }).from(orders).where(eq(orders.id, request.orderId));
  try {
    await refundOrderAsAdmin({ orderId: request.orderId, amount: minorToDecimalString(refundable, order.currency), reason: request.reason, adminId: request.adminId });
  } catch (error) {
    if (!isAppError(error)) console.error(error);
    const message = isAppError(error) ? error.message : 'an unexpected error';
    throw new AppError('conflict', `The print jobs were stopped, but the refund did not go through (${message}). Refund the order again below.`, { cause: error });
  }
  return { stopped, refundedMinor: refundable };
}
