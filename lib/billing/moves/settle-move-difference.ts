import { and, eq, isNull, like, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves, refunds, shops } from '@/db/schema';
import { refundOrder } from '../refund-order';

/** While one caller refunds a move's difference, others leave it; a caller that died frees it after this. */
const SETTLE_CLAIM_MS = 2 * 60_000;

/** Moves with money still to give back: a cheaper move's difference, or a booked top-up of a move that did not happen. */
export const UNSETTLED_MOVE = sql`(${orderMoves.status} = 'completed' or (${orderMoves.status} = 'canceled' and ${orderMoves.stripeChargeId} is not null))`;

/**
 * Refunds what a move leaves over, after the move committed; retried by housekeeping until
 * done: the difference of a cheaper move, or the whole top-up of a dearer move that could not
 * be applied after it was paid (status canceled, charge booked). Claimed first (settlingUntil)
 * so two callers never refund it twice, and a refund already made for the move (named in its
 * reason) is not made again after a crash.
 */
export async function settleMoveDifference(moveId: string): Promise<number> {
  const [move] = await db
    .update(orderMoves)
    .set({ settlingUntil: new Date(Date.now() + SETTLE_CLAIM_MS) })
    .where(and(eq(orderMoves.id, moveId), isNull(orderMoves.differenceSettledAt), UNSETTLED_MOVE, sql`(${orderMoves.settlingUntil} is null or ${orderMoves.settlingUntil} < now())`))
    .returning();
  if (!move) return 0;
  const amount = move.status === 'completed' ? -move.differenceMinor : move.differenceMinor;
  const marker = `move ${move.id.slice(0, 8)}`;
  let refunded = 0;
  try {
    const [already] = await db
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.orderId, move.orderId), eq(refunds.kind, 'order_moved'), like(refunds.reason, `%${marker}%`), ne(refunds.status, 'failed')));
    if (amount > 0 && !already) {
      const [shop] = await db.select({ name: shops.name }).from(shops).where(eq(shops.id, move.toShopId));
      const reason = move.status === 'completed' ? `Moved to ${shop?.name ?? 'another shop'} for less (${marker})` : `Move to ${shop?.name ?? 'another shop'} did not happen (${marker})`;
      await refundOrder({ orderId: move.orderId, amountMinor: amount, kind: 'order_moved', reason, requestedBy: move.requestedBy ?? 'system' });
      refunded = amount;
    }
  } catch (error) {
    await db.update(orderMoves).set({ settlingUntil: null }).where(eq(orderMoves.id, moveId));
    throw error;
  }
  await db.update(orderMoves).set({ differenceSettledAt: new Date(), settlingUntil: null }).where(eq(orderMoves.id, moveId));
  return refunded;
}
