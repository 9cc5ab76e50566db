import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { appendJobEvent, endJob } from '@/lib/print-jobs/job-transitions';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { getShopJob, type TShopJobRef } from './shop-job';

/**
 * The shop stops a job. One that has not reached a printer ends at once; one the printer has
 * is marked for cancelling and its dispatcher sends Cancel-Job to the printer, then ends it
 * (the printer decides where it can stop). Either way the customer is refunded in full, unless
 * an earlier job of the order already printed (canceling a reprint refunds nothing).
 */
export async function cancelPrintJob(ref: TShopJobRef & { reason?: string }): Promise<'canceled' | 'stopping'> {
  await getShopJob(ref);
  const reason = ref.reason?.trim() ? `Canceled by the shop: ${ref.reason.trim()}` : 'Canceled by the shop.';
  const result = await db.transaction(async (tx) => {
    const [job] = await tx.select().from(printJobs).where(eq(printJobs.id, ref.jobId)).for('update');
    if (!job || !['awaiting_acceptance', 'queued', 'converting', 'sending', 'printing'].includes(job.state)) throw new AppError('conflict', 'This job has already ended.');
    if (job.state === 'sending' || (job.state === 'printing' && !job.outcomeUnknownAt)) {
      const [marked] = await tx
        .update(printJobs)
        .set({ cancelRequestedAt: new Date(), refundDue: 'shop_rejected', lastError: reason, updatedAt: new Date() })
        .where(and(eq(printJobs.id, job.id), isNull(printJobs.cancelRequestedAt)))
        .returning({ id: printJobs.id });
      if (marked) await appendJobEvent(tx, job, 'job.cancel_requested', { reason }, ref.ownerId);
      return 'stopping' as const;
    }
    await endJob(tx, job, { state: 'canceled', reason, refund: 'shop_rejected', by: 'shop', actor: ref.ownerId });
    return 'canceled' as const;
  });
  if (result === 'canceled') await settleJobRefunds({ jobId: ref.jobId });
  return result;
}
