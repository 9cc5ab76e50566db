import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { appendJobEvent } from '@/lib/print-jobs/job-transitions';
import { getShopJob, type TShopJobRef } from './shop-job';

/** The shop takes a job it was asked to accept (shops without auto-accept): it joins the queue. */
export async function acceptJob(ref: TShopJobRef): Promise<void> {
  const job = await getShopJob(ref);
  await db.transaction(async (tx) => {
    const [accepted] = await tx
      .update(printJobs)
      .set({ state: 'queued', acceptedAt: new Date(), runAfter: new Date(), updatedAt: new Date() })
      .where(and(eq(printJobs.id, job.id), eq(printJobs.state, 'awaiting_acceptance')))
      .returning({ id: printJobs.id });
    if (!accepted) throw new AppError('conflict', 'This job is no longer waiting to be accepted.');
    await appendJobEvent(tx, job, 'job.accepted', {}, ref.ownerId);
  });
}
