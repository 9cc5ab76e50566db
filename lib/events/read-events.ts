import { and, asc, desc, eq, gt, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { events, type TEvent } from '@/db/schema';

/** Whose events: one shop's (its printers, jobs, orders) or one order's. */
export type TEventScope = { shopId: string } | { orderId: string };

function scopeCondition(scope: TEventScope): SQL {
  return 'shopId' in scope ? eq(events.shopId, scope.shopId) : eq(events.orderId, scope.orderId);
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
