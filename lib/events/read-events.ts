import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { events, type TEvent } from '@/db/schema';

/**
 * Whose events: one shop's (its printers, jobs, orders) or one order's. `onlyPaidOrders`: the
 * shop owner's view, where an order appears only once it is paid (before that it is the
 * customer's business alone: the order being created, or given up unpaid).
 */
export type TEventScope = { shopId: string; onlyPaidOrders?: boolean } | { orderId: string };

function scopeCondition(scope: TEventScope): SQL {
  if (!('shopId' in scope)) return eq(events.orderId, scope.orderId);
  const shop = eq(events.shopId, scope.shopId);
  if (!scope.onlyPaidOrders) return shop;
  return and(shop, sql`(${events.orderId} is null or exists (select 1 from orders where orders.id = ${events.orderId} and orders.paid_at is not null))`)!;
}

export async function readEventsAfter(options: { scope: TEventScope; afterId: number; limit?: number }): Promise<TEvent[]> {
  return db
    .select()
    .from(events)
    .where(and(scopeCondition(options.scope), gt(events.id, options.afterId)))
    .orderBy(asc(events.id))
    .limit(options.limit ?? 200);
}

/** The newest event id in scope, so a page can ask the stream for what happens after it rendered. */
export async function latestEventId(scope: TEventScope): Promise<number> {
  const [row] = await db.select({ id: events.id }).from(events).where(scopeCondition(scope)).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}
