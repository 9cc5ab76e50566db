import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { orders, printJobs, shopFinishingPrices, type TOrder, type TPrintJob } from '@/db/schema/index';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { enqueueWebhookEvent } from '@/lib/webhooks/enqueue-webhook-event';
import type { TJobActor } from './job-states';
import { transitionJob, type TTx } from './transition-job';

export type { TExecutor, TTx } from './transition-job';

/** Refund kinds a job's end can owe; settled by settleJobRefunds outside the transaction. */
export type TJobRefundKind = 'print_failed' | 'shop_rejected';

/** Appends an event about a job, scoped to its shop and order so both pages see it. */
export async function appendJobEvent(tx: TTx, job: Pick<TPrintJob, 'id' | 'shopId' | 'orderId' | 'printerId'>, type: string, data: Record<string, unknown> = {}, actor = 'worker'): Promise<void> {
  await appendEvent({ type, shopId: job.shopId, orderId: job.orderId, jobId: job.id, printerId: job.printerId, actor, data }, tx);
}

async function appendOrderEvent(tx: TTx, order: Pick<TOrder, 'id' | 'shopId'>, type: string, data: Record<string, unknown>, actor: string): Promise<void> {
  await appendEvent({ type, shopId: order.shopId, orderId: order.id, actor, data }, tx);
}

/** Whether another job of the order printed, so the order already has its prints (this one was a reprint). */
export async function hasOtherPrintedJob(tx: TTx, orderId: string, jobId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: printJobs.id })
    .from(printJobs)
    .where(and(eq(printJobs.orderId, orderId), eq(printJobs.state, 'printed'), ne(printJobs.id, jobId)))
    .limit(1);
  return !!row;
}

/**
 * Ends a job as failed or canceled, in the caller's transaction, through the state gate. The
 * customer is owed a full refund (recorded in `refundDue`, paid by settleJobRefunds after
 * commit) unless another job of the order already printed, or the order moved to another shop
 * and takes its money along. False when the job was no longer in the state the caller saw.
 */
export async function endJob(
  tx: TTx,
  job: TPrintJob,
  outcome: {
    state: 'failed' | 'canceled';
    reason: string;
    refund: TJobRefundKind | null;
    by: TJobActor;
    actor: string;
    eventType?: string;
    eventData?: Record<string, unknown>;
  },
): Promise<boolean> {
  const refundDue = outcome.refund && !(await hasOtherPrintedJob(tx, job.orderId, job.id)) ? outcome.refund : null;
  const ended = await transitionJob(tx, {
    jobId: job.id,
    from: job.state,
    to: outcome.state,
    by: outcome.by,
    set: { lastError: outcome.reason, endedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, cancelRequestedAt: null, waitingSince: null, refundDue },
    event: {
      type: outcome.eventType ?? (outcome.state === 'failed' ? 'job.failed' : 'job.canceled'),
      actor: outcome.actor,
      data: { reason: outcome.reason, isRefundDue: !!refundDue, ...outcome.eventData },
      printerId: job.printerId,
    },
  });
  return !!ended;
}

/** The order starts printing when its (first or reprinted) job reaches the printer. */
export async function markOrderPrinting(tx: TTx, orderId: string, actor: string): Promise<void> {
  const [order] = await tx
    .update(orders)
    .set({ status: 'printing', updatedAt: new Date() })
    .where(and(eq(orders.id, orderId), sql`${orders.status} in ('paid', 'ready')`))
    .returning();
  if (order) await appendOrderEvent(tx, order, 'order.printing', {}, actor);
}

/** Finishing the shop does by hand: the order is ready only when the shop says so. */
export async function hasManualFinishing(tx: TTx, order: Pick<TOrder, 'shopId' | 'options'>): Promise<boolean> {
  if (order.options.finishing === 'none') return false;
  const [price] = await tx
    .select({ isManual: shopFinishingPrices.isManual })
    .from(shopFinishingPrices)
    .where(and(eq(shopFinishingPrices.shopId, order.shopId), eq(shopFinishingPrices.finishing, order.options.finishing)));
  return !!price?.isManual;
}

/**
 * The order becomes ready for pickup. Automatic when the printer proved the whole job printed
 * and nothing is left to do by hand; otherwise the shop marks it ready from its queue. Either
 * way this is the one gate, and it enqueues the customer's "ready for pickup" mail.
 */
export async function markOrderReady(tx: TTx, orderId: string, actor: string): Promise<boolean> {
  const [order] = await tx
    .update(orders)
    .set({ status: 'ready', readyAt: new Date(), updatedAt: new Date() })
    .where(and(eq(orders.id, orderId), sql`${orders.status} in ('paid', 'printing')`))
    .returning();
  if (!order) return false;
  await appendOrderEvent(tx, order, 'order.ready', {}, actor);
  // Once per time it becomes ready: a reprinted order that is ready again gets a new mail.
  await enqueueCustomerMail(tx, order.id, { kind: 'order.ready', orderId: order.id }, `order.ready:${order.id}:${order.readyAt?.toISOString()}`);
  const [printed] = await tx
    .select({ id: printJobs.id, printerId: printJobs.printerId })
    .from(printJobs)
    .where(and(eq(printJobs.orderId, order.id), eq(printJobs.shopId, order.shopId), eq(printJobs.state, 'printed')))
    .orderBy(desc(printJobs.printedAt))
    .limit(1);
  await enqueueWebhookEvent(tx, { shopId: order.shopId, type: 'job.ready', data: { jobId: printed?.id ?? null, orderId: order.id, orderNumber: order.number, printerId: printed?.printerId ?? null } });
  return true;
}

/**
 * A job the printer completed (or the shop confirmed printed). With all expected impressions
 * and no hand finishing the order becomes ready at once; a short job (the printer reported
 * fewer impressions) waits for the shop, who may reprint it or hand it over, and the
 * difference is refunded at hand-over.
 */
export async function markJobPrinted(tx: TTx, job: TPrintJob, impressionsCompleted: number, by: TJobActor, actor: string): Promise<boolean> {
  const expected = job.expectedImpressions ?? impressionsCompleted;
  const isShort = impressionsCompleted < expected;
  const printed = await transitionJob(tx, {
    jobId: job.id,
    from: 'printing',
    to: 'printed',
    by,
    set: {
      impressionsCompleted,
      printedAt: new Date(),
      endedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
      outcomeUnknownAt: null,
      stateReasons: [],
      lastError: isShort ? `The printer reported ${impressionsCompleted} of ${expected} pages printed.` : null,
    },
    event: { type: 'job.printed', actor, data: { impressionsCompleted, expectedImpressions: expected, isShort } },
  });
  if (!printed) return false;
  const [order] = await tx.select().from(orders).where(eq(orders.id, job.orderId));
  const [active] = await tx
    .select({ id: printJobs.id })
    .from(printJobs)
    .where(and(eq(printJobs.orderId, job.orderId), sql`${printJobs.state} in ('awaiting_acceptance', 'queued', 'converting', 'sending', 'printing')`))
    .limit(1);
  if (order && !isShort && !active && order.shopId === job.shopId && !(await hasManualFinishing(tx, order))) await markOrderReady(tx, order.id, actor);
  return true;
}

/**
 * Nobody can tell whether the job printed (the printer forgot it, or stopped answering while
 * it may have had it): the shop checks the tray and confirms it printed or prints it again. It
 * is never sent again on its own. A job still `sending` becomes `printing` (the printer may have
 * it), flagged with `outcomeUnknownAt`.
 */
export async function markOutcomeUnknown(tx: TTx, job: TPrintJob, reason: string, by: TJobActor, actor: string): Promise<boolean> {
  const flag = { outcomeUnknownAt: new Date(), lastError: reason, leaseOwner: null, leaseExpiresAt: null };
  if (job.state === 'sending') {
    const flagged = await transitionJob(tx, { jobId: job.id, from: 'sending', to: 'printing', by, set: flag, event: { type: 'job.outcome_unknown', actor, data: { reason } } });
    if (flagged) await markOrderPrinting(tx, job.orderId, actor);
    return !!flagged;
  }
  const [flagged] = await tx
    .update(printJobs)
    .set({ ...flag, updatedAt: new Date() })
    .where(and(eq(printJobs.id, job.id), eq(printJobs.state, 'printing'), isNull(printJobs.outcomeUnknownAt)))
    .returning({ id: printJobs.id });
  if (flagged) await appendJobEvent(tx, job, 'job.outcome_unknown', { reason }, actor);
  return !!flagged;
}
