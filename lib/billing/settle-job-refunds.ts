import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, like, lt, ne, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printJobs, refunds, type TPrintJob } from '@/db/schema/index';
import { refundableMinor, refundOrder } from './refund-order';
import { shortfallRefundMinor } from './shortfall';

export type TJobRefundDue = 'print_failed' | 'shop_rejected' | 'shortfall';

const REASONS: Record<TJobRefundDue, string> = {
  print_failed: 'The shop could not print the job',
  shop_rejected: 'The shop declined or canceled the job',
  shortfall: 'Fewer pages printed than paid for',
};

/** While one caller pays a job's refund, others leave it alone; a caller that died frees it after this. */
const CLAIM_MS = 2 * 60_000;
/**
 * A refund that failed waits before it is tried again, twice as long after each failure, so
 * refunds that keep failing (Stripe refusing one charge, say) never hold up the others behind
 * them and leave a failed refund row now and then rather than every round.
 */
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

async function retryDelayMs(job: TPrintJob): Promise<number> {
  const [failed] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, job.orderId), like(refunds.reason, `%${marker(job.id)}%`), eq(refunds.status, 'failed')));
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failed.count - 1));
}

/** Names the job in the refund's reason, so a refund made just before a crash is found and not made again. */
function marker(jobId: string): string {
  return `job ${jobId.slice(0, 8)}`;
}

async function amountFor(job: TPrintJob): Promise<number> {
  const refundable = await refundableMinor(job.orderId);
  if (job.refundDue !== 'shortfall') return refundable;
  const [order] = await db.select().from(orders).where(eq(orders.id, job.orderId));
  const shortfall = shortfallRefundMinor(order.quote, { impressionsCompleted: job.impressionsCompleted, expectedImpressions: job.expectedImpressions ?? job.impressionsCompleted });
  return Math.min(shortfall, refundable);
}

/**
 * Pays the refunds jobs owe (`refundDue`), after the transaction that set them committed:
 * the rest of the order for a failed or declined job, the unprinted pages for a short one.
 * Run right after and again by the housekeeping loop, so a worker that died in between loses
 * no refund. Each payment is claimed first (the job's lease columns, free once a job ended),
 * so two callers never pay it twice, and a refund already made for the job (found by the job
 * named in its reason) is not made again after a crash.
 */
export async function settleJobRefunds(options: { jobId?: string; limit?: number } = {}): Promise<number> {
  const claimId = `refund:${randomUUID()}`;
  const due = await db
    .select({ id: printJobs.id })
    .from(printJobs)
    .where(
      and(
        isNotNull(printJobs.refundDue),
        isNull(printJobs.refundSettledAt),
        inArray(printJobs.state, ['failed', 'canceled', 'printed']),
        or(isNull(printJobs.leaseExpiresAt), lt(printJobs.leaseExpiresAt, new Date())),
        options.jobId ? eq(printJobs.id, options.jobId) : undefined,
      ),
    )
    .orderBy(printJobs.endedAt)
    .limit(options.limit ?? 20);
  let settled = 0;
  for (const { id } of due) {
    const [job] = await db
      .update(printJobs)
      .set({ leaseOwner: claimId, leaseExpiresAt: new Date(Date.now() + CLAIM_MS) })
      .where(and(eq(printJobs.id, id), isNull(printJobs.refundSettledAt), or(isNull(printJobs.leaseExpiresAt), lt(printJobs.leaseExpiresAt, new Date()))))
      .returning();
    if (!job) continue;
    const kind = job.refundDue as TJobRefundDue;
    try {
      const [already] = await db
        .select({ id: refunds.id })
        .from(refunds)
        .where(and(eq(refunds.orderId, job.orderId), eq(refunds.kind, kind), like(refunds.reason, `%${marker(job.id)}%`), ne(refunds.status, 'failed')));
      const amount = already ? 0 : await amountFor(job);
      if (amount > 0) await refundOrder({ orderId: job.orderId, amountMinor: amount, kind, reason: `${REASONS[kind]} (${marker(job.id)})`, requestedBy: 'system' });
    } catch (error) {
      // Settled all the same only when nothing is left to refund (refunded meanwhile). Stripe
      // refusing or unreachable is a conflict too, and must leave the refund owed.
      if ((await refundableMinor(job.orderId)) > 0) {
        await db
          .update(printJobs)
          .set({ leaseOwner: null, leaseExpiresAt: new Date(Date.now() + (await retryDelayMs(job))) })
          .where(and(eq(printJobs.id, id), eq(printJobs.leaseOwner, claimId)));
        console.error(`[refunds] job ${job.id}:`, error);
        continue;
      }
    }
    await db
      .update(printJobs)
      .set({ refundSettledAt: sql`now()`, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(printJobs.id, id), eq(printJobs.leaseOwner, claimId)));
    settled += 1;
  }
  return settled;
}
