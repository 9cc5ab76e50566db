import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { printJobs, type TPrintJob, type TPrintJobState } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { signalWork } from '@/lib/events/work-signal';
import { syncJobAlerts } from '@/lib/alerts/job-alerts';
import { enqueueCustomerMail } from '@/lib/mail/enqueue-mail';
import { enqueueWebhookEvent } from '@/lib/webhooks/enqueue-webhook-event';
import { canTransition, type TJobActor } from './job-states';

export type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];
export type TExecutor = TTx | TDatabase;

type TWritableColumns = Omit<typeof printJobs.$inferInsert, 'id' | 'state' | 'orderId' | 'shopId' | 'createdAt'>;

/** Columns a transition may write beside the state (never the state itself, nor the id): values or SQL. */
export type TJobColumns = { [K in keyof TWritableColumns]?: TWritableColumns[K] | SQL };

export type TJobTransition = {
  jobId: string;
  /** The state(s) the caller believes the job is in; the change happens only while it still is. */
  from: TPrintJobState | readonly TPrintJobState[];
  to: TPrintJobState;
  /** Which part of the system moves it: checked against JOB_TRANSITIONS. */
  by: TJobActor;
  set?: TJobColumns;
  /** What else must still hold: the caller's lease, the printer it believes the job is on. */
  where?: SQL;
  /** Appended in the same transaction when the change happens; `printerId` defaults to the job's after the change. */
  event: { type: string; actor: string; data?: Record<string, unknown>; printerId?: string | null } | null;
};

/** A transition the state machine does not allow: a bug in the caller, never a user error. */
export class IllegalJobTransitionError extends Error {}

/**
 * The one gate every change of a print job's state passes through (a test holds every other
 * file to it). It is a compare-and-set: `UPDATE … WHERE id = $1 AND state = ANY($from) [AND
 * where] RETURNING *`, so of two actors racing for the same job exactly one wins and the other
 * gets null and must re-read. The move is checked against the state machine (job-states.ts)
 * before any SQL runs, and its event is appended in the same transaction, so a state change and
 * the event that tells the pages about it commit together or not at all, and so do the shop's
 * alerts that follow from it (a failed job raised, a waiting one cleared) and the customer's mail
 * when the job failed. Given the database
 * rather than a transaction, it opens one.
 */
export async function transitionJob(executor: TExecutor, transition: TJobTransition): Promise<TPrintJob | null> {
  const from: readonly TPrintJobState[] = typeof transition.from === 'string' ? [transition.from] : transition.from;
  const illegal = from.filter((state) => !canTransition(state, transition.to, transition.by));
  if (illegal.length || from.length === 0) {
    throw new IllegalJobTransitionError(`The ${transition.by} may not move a print job from ${from.join('/') || 'nowhere'} to ${transition.to}.`);
  }
  if (executor === db) return db.transaction((tx) => transitionJob(tx, transition));
  const [job] = await executor
    .update(printJobs)
    .set({ ...transition.set, state: transition.to, updatedAt: new Date() })
    .where(and(eq(printJobs.id, transition.jobId), from.length === 1 ? eq(printJobs.state, from[0]) : inArray(printJobs.state, [...from]), transition.where))
    .returning();
  if (!job) return null;
  // Queued: waiting for a converter or, converted, for a printer; wake them rather than wait for their poll.
  if (job.state === 'queued') await signalWork(executor, 'job');
  if (transition.event) {
    const { type, actor, data = {}, printerId = job.printerId } = transition.event;
    await appendEvent({ type, shopId: job.shopId, orderId: job.orderId, jobId: job.id, printerId, actor, data }, executor);
  }
  await syncJobAlerts(executor, job);
  // Whoever failed it (converter, dispatcher), the customer hears of it here, once. A failed
  // reprint is the shop's to sort out: the customer was told when the order was ready.
  if (job.state === 'failed' && !job.isReprint) {
    const payload = { kind: 'job.failed' as const, orderId: job.orderId, jobId: job.id, reason: (job.lastError ?? 'the print job failed.').slice(0, 500), isRefundDue: !!job.refundDue };
    await enqueueCustomerMail(executor, job.orderId, payload, `job.failed:${job.id}`);
  }
  // The shop's own systems hear of a print's end the same way, in the same transaction.
  if (job.state === 'printed' || job.state === 'failed') {
    const data = { jobId: job.id, orderId: job.orderId, state: job.state, printerId: job.printerId, isReprint: job.isReprint, reason: job.state === 'failed' ? job.lastError : null };
    await enqueueWebhookEvent(executor, { shopId: job.shopId, type: job.state === 'printed' ? 'job.printed' : 'job.failed', data });
  }
  return job;
}
