import { and, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { endJob } from '@/lib/print-jobs/job-transitions';
import { getShopOrder, type TShopOrderRef } from './shop-job';

/**
 * The shop prints an order again (smudged, jammed, short, or a job Nearprint lost track of
 * that did not print): a new job, accepted at once and free for the customer, that goes
 * through the same pipeline. A lost-track job it replaces ends without a refund. The order
 * goes back to printing when it reaches a printer and is ready again when it has printed.
 */
export async function reprintJob(ref: TShopOrderRef): Promise<string> {
  const order = await getShopOrder(ref);
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    if (!locked || !['paid', 'printing', 'ready'].includes(locked.status) || locked.shopId !== ref.shopId) {
      throw new AppError('conflict', 'Only an order that is paid and not yet collected or refunded can be printed again.');
    }
    const active = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), inArray(printJobs.state, [...ACTIVE_JOB_STATES])))
      .for('update');
    if (active.some((job) => !job.outcomeUnknownAt)) throw new AppError('conflict', 'This order is still being printed; cancel that job first.');
    for (const lost of active) await endJob(tx, lost, { state: 'canceled', reason: 'It did not print; the shop printed it again.', refund: null, by: 'shop', actor: ref.ownerId });
    return createPrintJob(tx, { id: order.id, shopId: ref.shopId }, { isReprint: true, isAccepted: true, actor: ref.ownerId });
  });
}
