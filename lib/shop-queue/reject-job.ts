import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { endJob } from '@/lib/print-jobs/job-transitions';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { getShopJob, type TShopJobRef } from './shop-job';

/**
 * The shop declines a job: it ends, the customer is refunded in full at once, and their
 * order page offers the next shops that can print it (lib/orders/move-order.ts).
 */
export async function rejectJob(ref: TShopJobRef & { reason?: string }): Promise<void> {
  await getShopJob(ref);
  const reason = ref.reason?.trim() ? `The shop declined the job: ${ref.reason.trim()}` : 'The shop declined the job.';
  const isEnded = await db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.id, ref.jobId), eq(printJobs.state, 'awaiting_acceptance')))
      .for('update');
    if (!job) throw new AppError('conflict', 'Only a job waiting to be accepted can be declined; cancel it instead.');
    return endJob(tx, job, { state: 'canceled', reason, refund: 'shop_rejected', by: 'shop', actor: ref.ownerId, eventType: 'job.rejected' });
  });
  if (isEnded) await settleJobRefunds({ jobId: ref.jobId });
}
