import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { markJobPrinted } from '@/lib/print-jobs/job-transitions';
import { getShopJob, type TShopJobRef } from './shop-job';

/**
 * The shop checked the tray for a job Nearprint lost track of and found it printed in full.
 * The shop's word stands in for the printer's report, and the event log says so; if it did
 * not print, the shop reprints or cancels it instead.
 */
export async function confirmJobPrinted(ref: TShopJobRef): Promise<void> {
  const job = await getShopJob(ref);
  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.id, job.id), eq(printJobs.state, 'printing'), isNotNull(printJobs.outcomeUnknownAt)))
      .for('update');
    if (!locked) throw new AppError('conflict', 'Only a job Nearprint lost track of can be confirmed by hand.');
    await markJobPrinted(tx, locked, locked.expectedImpressions ?? locked.impressionsCompleted, 'shop', ref.ownerId);
  });
}
