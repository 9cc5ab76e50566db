import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { alerts, type TAlert, type TAlertKind } from '@/db/schema/alerts';
import { appendEvent } from '@/lib/events/append-event';
import { enqueueShopOwnerMail } from '@/lib/mail/enqueue-mail';
import { enqueueWebhookEvent } from '@/lib/webhooks/enqueue-webhook-event';
import type { TAlertCondition } from './alert-conditions';

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];
export type TAlertExecutor = TDatabase | TTx;

export type TAlertSubject = { shopId: string; printerId?: string | null; jobId?: string | null };

function subjectIdOf(subject: TAlertSubject): string {
  const id = subject.printerId ?? subject.jobId;
  if (!id) throw new Error('An alert is about a printer or a job.');
  return id;
}

/**
 * Raises an alert, once: while one of the same kind about the same printer or job is open, the
 * partial unique index (alerts_open_unique) turns a second insert into a no-op, and the open
 * alert's details are refreshed instead. Returns the alert only when it is new, so whatever must
 * happen once per alert (the event the dashboard follows, the mail to the shop's owner, in the
 * same transaction) happens exactly once, however many workers see the condition.
 */
export async function raiseAlert(executor: TAlertExecutor, subject: TAlertSubject, condition: TAlertCondition): Promise<TAlert | null> {
  if (executor === db) return db.transaction((tx) => raiseAlert(tx, subject, condition));
  const subjectId = subjectIdOf(subject);
  const [raised] = await executor
    .insert(alerts)
    .values({
      shopId: subject.shopId,
      kind: condition.kind,
      subjectId,
      printerId: subject.printerId ?? null,
      jobId: subject.jobId ?? null,
      title: condition.title,
      action: condition.action,
      data: condition.data,
    })
    .onConflictDoNothing({ target: [alerts.shopId, alerts.subjectId, alerts.kind], where: sql`cleared_at is null` })
    .returning();
  if (!raised) {
    await executor
      .update(alerts)
      .set({ title: condition.title, action: condition.action, data: condition.data })
      .where(and(eq(alerts.shopId, subject.shopId), eq(alerts.subjectId, subjectId), eq(alerts.kind, condition.kind), isNull(alerts.clearedAt)));
    return null;
  }
  await appendEvent(
    { type: 'alert.raised', shopId: raised.shopId, printerId: raised.printerId, jobId: raised.jobId, actor: 'system', data: { alertId: raised.id, kind: raised.kind, title: raised.title } },
    executor,
  );
  await enqueueShopOwnerMail(executor as TTx, raised.shopId, { kind: 'shop.alert', shopId: raised.shopId, alertId: raised.id }, `shop.alert:${raised.id}`);
  if (raised.kind === 'printer_offline') {
    await enqueueWebhookEvent(executor, { shopId: raised.shopId, type: 'printer.offline', data: { printerId: raised.printerId, title: raised.title, alertId: raised.id, ...raised.data } });
  }
  return raised;
}

/**
 * Clears the open alerts of these kinds about one printer or job: the condition is fixed (by
 * "system") or the owner dismissed it (their id). Cleared alerts stay as the shop's history.
 */
export async function clearAlerts(executor: TAlertExecutor, subject: TAlertSubject, kinds: readonly TAlertKind[], clearedBy = 'system'): Promise<TAlert[]> {
  if (!kinds.length) return [];
  const cleared = await executor
    .update(alerts)
    .set({ clearedAt: new Date(), clearedBy })
    .where(and(eq(alerts.shopId, subject.shopId), eq(alerts.subjectId, subjectIdOf(subject)), inArray(alerts.kind, [...kinds]), isNull(alerts.clearedAt)))
    .returning();
  for (const alert of cleared) {
    await appendEvent(
      { type: 'alert.cleared', shopId: alert.shopId, printerId: alert.printerId, jobId: alert.jobId, actor: clearedBy, data: { alertId: alert.id, kind: alert.kind, title: alert.title } },
      executor,
    );
  }
  return cleared;
}
