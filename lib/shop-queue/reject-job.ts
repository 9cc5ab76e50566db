import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs, type TPrintJobState } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { endJob } from '@/lib/print-jobs/job-transitions';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { describeRejectReason, type TRejectReason } from './reject-reasons';
import { getShopJob, type TShopJobRef } from './shop-job';

/**
 * Until a job is sent to its printer the shop may reject it, with or without auto-accept: waiting
 * for acceptance, in line, or being converted (a converter that finishes later loses its
 * compare-and-set). From `sending` on the printer may have it, so only cancelling is left.
 */
export const REJECTABLE_JOB_STATES = ['awaiting_acceptance', 'queued', 'converting'] as const satisfies readonly TPrintJobState[];

/**
 * The shop rejects a job for a reason from the list (lib/shop-queue/reject-reasons.ts): it ends
 * through the state gate, the customer is refunded in full through billing (settleJobRefunds, at
 * most once), their order page shows the reason and offers the next shops that can print it
 * (lib/orders/move-order.ts), and the event records the reason for the timeline and audit.
 */
export async function rejectJob(ref: TShopJobRef & { reason: TRejectReason }): Promise<void> {
  await getShopJob(ref);
  const reason = describeRejectReason(ref.reason);
  const isEnded = await db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.id, ref.jobId), eq(printJobs.shopId, ref.shopId), inArray(printJobs.state, [...REJECTABLE_JOB_STATES]), isNull(printJobs.documentSentAt)))
      .for('update');
    if (!job) throw new AppError('conflict', 'This job is already on its way to the printer or has ended; cancel it instead.');
    return endJob(tx, job, {
      state: 'canceled',
      reason,
      refund: 'shop_rejected',
      by: 'shop',
      actor: ref.ownerId,
      eventType: 'job.rejected',
      eventData: { reasonCode: ref.reason.reasonCode, note: ref.reason.note },
    });
  });
  if (isEnded) await settleJobRefunds({ jobId: ref.jobId });
}
