import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { listMoveOptions, type TMoveOptions } from '@/lib/billing/moves/list-move-options';
import { moveOrder, type TMoveOrderResult } from '@/lib/billing/moves/move-order';
import { recordAudit } from './record-audit';
import { isId } from '@/lib/errors/ids';

export const ZAdminRerouteRequest = z.object({
  orderId: z.uuid('Unknown order'),
  toShopId: z.uuid('Choose the shop to move the order to'),
  /** The total the admin saw for the new shop (minor units); a changed price is shown again, not charged. */
  expectedTotalMinor: z.coerce.number().int().min(0),
  agreement: z.string().trim().min(5, 'Say how the customer agreed (e.g. “by phone, 14:05, spoke to Cian”)').max(300, 'Keep it under 300 characters'),
});
export type TAdminRerouteRequest = z.infer<typeof ZAdminRerouteRequest>;

async function customerOf(orderId: string): Promise<{ customerId: string; shopId: string }> {
  if (!isId(orderId)) throw new AppError('not_found', 'We could not find that order.');
  const [order] = await db.select({ customerId: orders.customerId, shopId: orders.shopId }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  return order;
}

/** The shops the order could move to, exactly as the customer is offered them (same ranking, fresh quotes). */
export async function rerouteOptionsForAdmin(orderId: string): Promise<TMoveOptions> {
  const { customerId } = await customerOf(orderId);
  return listMoveOptions({ orderId, customerId });
}

/**
 * Re-routes a stuck order to another shop on the customer's behalf, once they agreed (how is
 * recorded in the audit log). It is the customer's own move (lib/billing/moves/move-order.ts) with
 * the same rules: only an order that is stuck (rejected, failed, or waiting for a printer too
 * long) moves; a cheaper shop refunds the difference; a dearer one returns a payment link for
 * the difference that the customer must pay, which is their agreement in money. The move runs
 * its own transactions and Stripe calls, so the audit entry follows it with the outcome.
 */
export async function rerouteOrderAsAdmin(request: TAdminRerouteRequest & { adminId: string }): Promise<TMoveOrderResult> {
  const { customerId, shopId } = await customerOf(request.orderId);
  const result = await moveOrder({ orderId: request.orderId, customerId, toShopId: request.toShopId, expectedTotalMinor: request.expectedTotalMinor, requestedBy: request.adminId });
  await db.transaction(async (tx) => {
    await recordAudit(
      {
        actorId: request.adminId,
        action: 'order.reroute',
        targetType: 'order',
        targetId: request.orderId,
        reason: `Customer agreed: ${request.agreement}`,
        before: { shopId },
        after: { toShopId: request.toShopId, ...result },
      },
      tx,
    );
  });
  return result;
}
