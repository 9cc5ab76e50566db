import { desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { disputes, orders, shops, users } from '@/db/schema';

/** Stripe statuses that still need someone to act (respond with evidence, or wait for the bank). */
export const OPEN_DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'] as const;

/**
 * Every dispute Stripe told us about, newest first, with the order, its customer and shop.
 * A dispute whose charge matched no order (not ours, or booked elsewhere) still shows.
 */
export async function listDisputes() {
  const rows = await db
    .select({
      id: disputes.id,
      amountMinor: disputes.amountMinor,
      currency: disputes.currency,
      reason: disputes.reason,
      status: disputes.status,
      stripeChargeId: disputes.stripeChargeId,
      createdAt: disputes.createdAt,
      updatedAt: disputes.updatedAt,
      evidenceDueBy: sql<number | null>`(${disputes.raw} -> 'evidence_details' ->> 'due_by')::bigint`,
      orderId: orders.id,
      orderNumber: orders.number,
      orderTotalMinor: orders.totalMinor,
      orderStatus: orders.status,
      customerEmail: users.email,
      shopName: shops.name,
    })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .leftJoin(users, eq(users.id, orders.customerId))
    .leftJoin(shops, eq(shops.id, orders.shopId))
    .orderBy(desc(disputes.createdAt));
  return rows.map((row) => ({ ...row, isOpen: (OPEN_DISPUTE_STATUSES as readonly string[]).includes(row.status) }));
}

export type TDisputeRow = Awaited<ReturnType<typeof listDisputes>>[number];
