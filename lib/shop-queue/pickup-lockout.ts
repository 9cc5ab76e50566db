import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { orders, pickupCodeFailures, shops } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { formatShopTime } from '@/lib/search/format-shop-time';

/**
 * Against guessing pickup codes at the counter. A code is six digits (a million values) and
 * a shop has at most a few dozen orders waiting, so the counter must not be a free oracle:
 *
 * - per shop: SHOP_LIMIT wrong codes within WINDOW_MS of each other lock code entry at that shop until
 *   LOCK_MS after the last of them. A code typed alone cannot be tied to an order (it matched
 *   none), so the shop is what it counts against. Ten tries per quarter hour bound a guesser to
 *   under a thousand tries a day, about 2 % chance per day with twenty orders waiting.
 * - per order: ORDER_LIMIT wrong codes for one named order (its QR code scanned, or chosen from
 *   the ready list) within WINDOW_MS of each other lock that order's hand-over until LOCK_MS after the last;
 *   the customer's page says so (an `order.pickup_locked` event and a notice).
 *
 * Refused tries during a lock are not counted, so a lock ends on time; after it, one more
 * wrong code does not lock again at once (its newest SHOP_LIMIT failures span more than the window).
 */
export const PICKUP_LOCKOUT = {
  SHOP_LIMIT: 10,
  ORDER_LIMIT: 5,
  WINDOW_MS: 15 * 60_000,
  LOCK_MS: 15 * 60_000,
} as const;

type TExecutor = Pick<TDatabase, 'select' | 'insert' | 'update'>;

/**
 * When the lock ends, or null: the newest `limit` failures (newest first) fell within WINDOW_MS
 * of each other, and LOCK_MS have not passed since the newest.
 */
function lockEnd(times: Date[], limit: number, now: Date): Date | null {
  if (times.length < limit) return null;
  if (times[0].getTime() - times[limit - 1].getTime() > PICKUP_LOCKOUT.WINDOW_MS) return null;
  const until = new Date(times[0].getTime() + PICKUP_LOCKOUT.LOCK_MS);
  return until > now ? until : null;
}

/** Failures older than this cannot matter to a lock that is still on. */
function horizon(now: Date): Date {
  return new Date(now.getTime() - PICKUP_LOCKOUT.WINDOW_MS - PICKUP_LOCKOUT.LOCK_MS);
}

async function recentFailures(executor: TExecutor, where: { shopId: string } | { orderId: string }, limit: number, now: Date): Promise<Date[]> {
  const rows = await executor
    .select({ createdAt: pickupCodeFailures.createdAt })
    .from(pickupCodeFailures)
    .where(and('shopId' in where ? eq(pickupCodeFailures.shopId, where.shopId) : eq(pickupCodeFailures.orderId, where.orderId), gt(pickupCodeFailures.createdAt, horizon(now))))
    .orderBy(desc(pickupCodeFailures.createdAt))
    .limit(limit);
  return rows.map((r) => r.createdAt);
}

/** Until when code entry at the shop, and the named order's hand-over, are locked (null: not locked). */
export async function pickupLockout(executor: TExecutor, options: { shopId: string; orderId?: string | null; now: Date }): Promise<{ shopUntil: Date | null; orderUntil: Date | null }> {
  const shopUntil = lockEnd(await recentFailures(executor, { shopId: options.shopId }, PICKUP_LOCKOUT.SHOP_LIMIT, options.now), PICKUP_LOCKOUT.SHOP_LIMIT, options.now);
  const orderUntil = options.orderId ? lockEnd(await recentFailures(executor, { orderId: options.orderId }, PICKUP_LOCKOUT.ORDER_LIMIT, options.now), PICKUP_LOCKOUT.ORDER_LIMIT, options.now) : null;
  return { shopUntil, orderUntil };
}

/**
 * Takes the shop's row lock (so two web instances count one shop's tries one after the other)
 * and refuses while code entry there, or the named order's hand-over, is locked.
 */
export async function assertPickupUnlocked(tx: TExecutor, options: { shopId: string; orderId?: string | null; now: Date }): Promise<{ timezone: string }> {
  // NO KEY UPDATE: serialises hand-overs at this shop without blocking inserts that only reference it.
  const [shop] = await tx.select({ timezone: shops.timezone }).from(shops).where(eq(shops.id, options.shopId)).for('no key update');
  if (!shop) throw new AppError('not_found', 'We could not find that shop.');
  const { shopUntil, orderUntil } = await pickupLockout(tx, options);
  const until = [shopUntil, orderUntil].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) throw lockedError(until, shop.timezone, options.now);
  return shop;
}

export function lockedError(until: Date, timezone: string, now: Date): AppError {
  return new AppError('too_many_requests', `Too many wrong codes. Try again at ${formatShopTime(until.toISOString(), now, timezone)}.`, {
    fieldErrors: { code: ['Too many wrong codes'] },
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}

/**
 * Counts one wrong code (in the caller's transaction, after assertPickupUnlocked) and says
 * whether it started a lock. When it locks a named order, the order's timeline says until when,
 * so the customer's page can tell them.
 */
export async function recordPickupFailure(
  tx: TExecutor,
  options: { shopId: string; orderId: string | null; actorId: string; timezone: string; now: Date },
): Promise<{ lockedUntil: Date | null; orderAttemptsLeft: number | null }> {
  await tx.insert(pickupCodeFailures).values({ shopId: options.shopId, orderId: options.orderId, actorId: options.actorId, createdAt: options.now });
  const { shopUntil, orderUntil } = await pickupLockout(tx, options);
  let orderAttemptsLeft: number | null = null;
  if (options.orderId) {
    const [counted] = await tx
      .update(orders)
      .set({ pickupAttempts: sql`${orders.pickupAttempts} + 1`, updatedAt: options.now })
      .where(eq(orders.id, options.orderId))
      .returning({ attempts: orders.pickupAttempts });
    const recent = await recentFailures(tx, { orderId: options.orderId }, PICKUP_LOCKOUT.ORDER_LIMIT, options.now);
    const inWindow = recent.filter((t) => t.getTime() >= options.now.getTime() - PICKUP_LOCKOUT.WINDOW_MS).length;
    orderAttemptsLeft = Math.max(0, PICKUP_LOCKOUT.ORDER_LIMIT - inWindow);
    await appendEvent(
      { type: 'order.pickup_code_wrong', orderId: options.orderId, shopId: options.shopId, actor: options.actorId, data: { attempts: counted?.attempts ?? 0, attemptsLeft: orderAttemptsLeft } },
      tx,
    );
    if (orderUntil) {
      await appendEvent(
        {
          type: 'order.pickup_locked',
          orderId: options.orderId,
          shopId: options.shopId,
          actor: options.actorId,
          data: { until: orderUntil.toISOString(), reason: `until ${formatShopTime(orderUntil.toISOString(), options.now, options.timezone)}` },
        },
        tx,
      );
    }
  }
  const until = [shopUntil, orderUntil].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { lockedUntil: until, orderAttemptsLeft };
}

/** The orders among these whose hand-over is locked now, with when it ends (for the queue and the customer's page). */
export async function orderPickupLocks(orderIds: string[], now = new Date()): Promise<Map<string, Date>> {
  const locks = new Map<string, Date>();
  if (!orderIds.length) return locks;
  const rows = await db
    .select({ orderId: pickupCodeFailures.orderId, createdAt: pickupCodeFailures.createdAt })
    .from(pickupCodeFailures)
    .where(and(inArray(pickupCodeFailures.orderId, orderIds), gt(pickupCodeFailures.createdAt, horizon(now))))
    .orderBy(desc(pickupCodeFailures.createdAt));
  for (const orderId of new Set(rows.map((r) => r.orderId))) {
    const times = rows.filter((r) => r.orderId === orderId).map((r) => r.createdAt);
    const until = lockEnd(times, PICKUP_LOCKOUT.ORDER_LIMIT, now);
    if (orderId && until) locks.set(orderId, until);
  }
  return locks;
}
