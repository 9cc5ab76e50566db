import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { events, type TEvent } from '@/db/schema';
import { EVENT_STREAM_START, formatEventCursor, type TEventCursor, type TEventPosition } from './event-cursor';

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

/**
 * The scope's events after the cursor, in (tx, id) order, of transactions that have ended only:
 * one still running may yet commit events, and they must sort after everything sent already.
 * A long-running writing transaction anywhere delays the stream (never loses an event).
 */
export async function readEventsAfter(options: { scope: TEventScope; after: TEventCursor; limit?: number }): Promise<TEvent[]> {
  return db
    .select()
    .from(events)
    .where(and(scopeCondition(options.scope), sql`(${events.tx}, ${events.id}) > (${options.after.tx}::xid8, ${options.after.id})`, sql`${events.tx} < pg_snapshot_xmin(pg_current_snapshot())`))
    .orderBy(asc(events.tx), asc(events.id))
    .limit(options.limit ?? 200);
}

/**
 * Where a page's stream starts: after every event of the transactions that have ended now.
 * Taken before the page reads what it shows, so whatever commits after that read is streamed
 * (a change the page already shows may be streamed again, which only refreshes it once more).
 */
export async function eventCursorNow(): Promise<TEventCursor> {
  const [row] = await db.execute<{ tx: string }>(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as tx`);
  return { tx: row.tx, id: 0 };
}

/** eventCursorNow as a page puts it in its stream's `after=`. */
export async function liveStreamStart(): Promise<string> {
  return formatEventCursor(await eventCursorNow());
}

/** The cursor for a position a client sent; a bare event id is the cursor just after that event. */
export async function resolveEventPosition(position: TEventPosition): Promise<TEventCursor> {
  if (typeof position !== 'number') return position;
  if (position === 0) return EVENT_STREAM_START;
  const [row] = await db.select({ tx: events.tx }).from(events).where(eq(events.id, position));
  // An id that is no event: resume from now rather than replay the scope's whole history.
  return row ? { tx: row.tx, id: position } : eventCursorNow();
}
