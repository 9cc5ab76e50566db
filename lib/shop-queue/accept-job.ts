import { db } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { getShopJob, type TShopJobRef } from './shop-job';

/** The shop takes a job it was asked to accept (shops without auto-accept): it joins the queue. */
export async function acceptJob(ref: TShopJobRef): Promise<void> {
  const job = await getShopJob(ref);
  const accepted = await transitionJob(db, {
    jobId: job.id,
    from: 'awaiting_acceptance',
    to: 'queued',
    by: 'shop',
    set: { acceptedAt: new Date(), runAfter: new Date() },
    event: { type: 'job.accepted', actor: ref.ownerId },
  });
  if (!accepted) throw new AppError('conflict', 'This job is no longer waiting to be accepted.');
}
