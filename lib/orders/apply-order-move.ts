import { and, eq, inArray } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import { orderMoves, orders, printJobs, type TOrderMove } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { endJob, type TTx } from '@/lib/print-jobs/job-transitions';
import { latestJobOf, moveEligibility } from './move-eligibility';

/**
 * The move itself, in the caller's transaction: the old shop's job ends (no refund: the money
 * moves with the order), the order takes the new shop, quote and total, and the new shop gets
 * a job. False, with nothing changed, when the order can no longer move (its job started
 * printing after all, or another move got there first).
 *
 * Money is billing's: the caller books what was paid (lib/billing/moves) and passes the
 * platform fee when the total grew; otherwise the fee fixed at payment stays.
 */
export async function applyOrderMove(tx: TTx, move: TOrderMove, options: { actor: string; platformFeeMinor?: number }): Promise<boolean> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, move.orderId)).for('update');
  if (!order || order.shopId !== move.fromShopId) return false;
  if (!moveEligibility(order, await latestJobOf(order.id, tx)).canMove) return false;
  try {
    // A savepoint: a job that changed state under the gate undoes the jobs already ended.
    await tx.transaction(async (sp) => {
      const active = await sp
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.orderId, order.id), inArray(printJobs.state, ['awaiting_acceptance', 'queued', 'converting'])))
        .for('update');
      for (const job of active) {
        const isEnded = await endJob(sp, job, { state: 'canceled', reason: 'The customer moved the order to another shop.', refund: null, by: 'customer', actor: options.actor });
        if (!isEnded) sp.rollback();
      }
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return false;
    throw error;
  }
  await tx
    .update(orders)
    .set({
      shopId: move.toShopId,
      quote: move.quote,
      totalMinor: move.totalMinor,
      platformFeeMinor: options.platformFeeMinor ?? order.platformFeeMinor,
      status: 'paid',
      readyAt: null,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, order.id));
  await tx.update(orderMoves).set({ status: 'completed', completedAt: new Date() }).where(eq(orderMoves.id, move.id));
  const data = { fromShopId: move.fromShopId, toShopId: move.toShopId, totalMinor: move.totalMinor, differenceMinor: move.differenceMinor };
  await appendEvent({ type: 'order.moved', orderId: order.id, shopId: move.fromShopId, actor: options.actor, data }, tx);
  await appendEvent({ type: 'order.moved', orderId: order.id, shopId: move.toShopId, actor: options.actor, data }, tx);
  await createPrintJob(tx, { id: order.id, shopId: move.toShopId });
  await enqueueCustomerMail(tx, order.id, { kind: 'order.moved', orderId: order.id, fromShopId: move.fromShopId, toShopId: move.toShopId }, `order.moved:${move.id}`);
  return true;
}
