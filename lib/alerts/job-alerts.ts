import { and, eq, isNull, ne } from 'drizzle-orm';
import { alerts } from '@/db/schema/alerts';
import { orders, printJobs, type TPrintJob } from '@/db/schema/index';
import type { TAlertCondition } from './alert-conditions';
import { clearAlerts, raiseAlert, type TAlertExecutor } from './raise-alert';

async function orderNumberOf(executor: TAlertExecutor, orderId: string): Promise<string> {
  const [order] = await executor.select({ number: orders.number }).from(orders).where(eq(orders.id, orderId));
  return order?.number ?? 'An order';
}

export async function jobWaitingCondition(executor: TAlertExecutor, job: Pick<TPrintJob, 'orderId' | 'createdAt'>): Promise<TAlertCondition> {
  return {
    kind: 'job_waiting',
    title: `${await orderNumberOf(executor, job.orderId)} is waiting for you to accept it`,
    action: 'Open the queue: look at the pages, then accept the job or reject it with a reason (the customer is refunded).',
    data: { waitingSince: job.createdAt.toISOString() },
  };
}

/**
 * The job alerts that follow from a job's new state, called by the state gate (transitionJob)
 * in the transaction of every change, so no path can fail a job without alerting the shop nor
 * leave a "waiting for acceptance" alert behind a job that moved on. A failed job's alert stays
 * until the owner dismisses it or the order prints after all (a reprint).
 */
export async function syncJobAlerts(executor: TAlertExecutor, job: TPrintJob): Promise<void> {
  const subject = { shopId: job.shopId, jobId: job.id };
  if (job.state !== 'awaiting_acceptance') await clearAlerts(executor, subject, ['job_waiting']);
  if (job.state === 'failed') {
    await raiseAlert(executor, subject, {
      kind: 'job_failed',
      title: `${await orderNumberOf(executor, job.orderId)} failed to print`,
      action: `${job.lastError ?? 'The printer could not print it.'} The customer is refunded unless another job of the order printed. Check the printer, then reprint the order from the queue or dismiss this alert.`,
      data: { reason: job.lastError },
    });
  }
  if (job.state === 'printed') {
    const earlier = await executor
      .select({ jobId: alerts.jobId })
      .from(alerts)
      .innerJoin(printJobs, eq(printJobs.id, alerts.jobId))
      .where(and(eq(printJobs.orderId, job.orderId), ne(printJobs.id, job.id), eq(alerts.kind, 'job_failed'), isNull(alerts.clearedAt)));
    for (const { jobId } of earlier) if (jobId) await clearAlerts(executor, { shopId: job.shopId, jobId }, ['job_failed']);
  }
}

/** Kinds an owner may dismiss: the ones no later state of the world clears by itself. */
export const DISMISSABLE_ALERT_KINDS = ['job_failed'] as const;
