import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { markOrderReady } from '@/lib/print-jobs/job-transitions';
import { getShopOrder, type TShopOrderRef } from './shop-job';

/**
 * The shop says the order is ready for pickup: needed when something is done by hand after
 * printing (binding), or after a short print the shop decided to hand over anyway. Ready
 * means printed: a job of the order must have printed and none still be under way.
 */
export async function markReady(ref: TShopOrderRef): Promise<void> {
  const order = await getShopOrder(ref);
  await db.transaction(async (tx) => {
    const jobs = await tx
      .select({ state: printJobs.state })
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), eq(printJobs.shopId, ref.shopId)));
    if (!jobs.some((j) => j.state === 'printed')) throw new AppError('conflict', 'Nothing of this order has printed yet.');
    if (jobs.some((j) => (ACTIVE_JOB_STATES as readonly string[]).includes(j.state))) throw new AppError('conflict', 'A job of this order is still printing.');
    if (!(await markOrderReady(tx, order.id, ref.ownerId))) throw new AppError('conflict', 'This order cannot be marked ready now.');
  });
}
