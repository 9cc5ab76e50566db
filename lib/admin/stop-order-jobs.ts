import { and, eq, inArray } from 'drizzle-orm';
import { printJobs } from '@/db/schema';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { appendJobEvent, endJob, type TTx } from '@/lib/print-jobs/job-transitions';

export type TStoppedJobs = { canceled: number; stoppingAtPrinter: number };

/**
 * Stops an order's unfinished print jobs for an admin, inside the caller's transaction:
 * jobs not yet at a printer end as canceled at once; jobs a printer already has get a cancel
 * request the pipeline's dispatcher carries out (Cancel-Job). No refund is booked on the job
 * (`refund: null`): the admin's refund follows with its own reason and kind.
 */
export async function stopOrderJobs(tx: TTx, options: { orderId: string; reason: string; actor: string }): Promise<TStoppedJobs> {
  const jobs = await tx
    .select()
    .from(printJobs)
    .where(and(eq(printJobs.orderId, options.orderId), inArray(printJobs.state, [...ACTIVE_JOB_STATES])))
    .for('update');
  const result: TStoppedJobs = { canceled: 0, stoppingAtPrinter: 0 };
  for (const job of jobs) {
    // A printing job whose outcome is unknown is no longer at the printer: it ends here.
    const isAtPrinter = job.state === 'sending' || (job.state === 'printing' && !job.outcomeUnknownAt);
    if (isAtPrinter) {
      if (!job.cancelRequestedAt) {
        await tx.update(printJobs).set({ cancelRequestedAt: new Date(), lastError: options.reason, updatedAt: new Date() }).where(eq(printJobs.id, job.id));
        await appendJobEvent(tx, job, 'job.cancel_requested', { reason: options.reason }, options.actor);
      }
      result.stoppingAtPrinter += 1;
    } else if (await endJob(tx, job, { state: 'canceled', reason: options.reason, refund: null, by: 'admin', actor: options.actor })) {
      result.canceled += 1;
    }
  }
  return result;
}
