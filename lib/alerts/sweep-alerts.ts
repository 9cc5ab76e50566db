import { and, eq, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { alerts } from '@/db/schema/alerts';
import { printers, printJobs } from '@/db/schema/index';
import { alertSettings } from '@/lib/config/alert-settings';
import { PRINTER_ALERT_KINDS } from './alert-conditions';
import { jobWaitingCondition } from './job-alerts';
import { clearAlerts, raiseAlert } from './raise-alert';
import { syncPrinterAlerts } from './sync-printer-alerts';

/**
 * The alerts only time makes true, for the housekeeping loop: printers offline for longer than
 * ALERT_PRINTER_OFFLINE_MINUTES (a dead printer writes nothing that could raise it), jobs waiting
 * for acceptance longer than ALERT_AWAITING_ACCEPTANCE_MINUTES, and printer alerts left open on a
 * printer that was removed. Idempotent: several workers running it raise each alert once.
 */
export async function sweepAlerts(now = new Date()): Promise<number> {
  const settings = alertSettings();
  let changed = 0;

  const offlineBefore = new Date(now.getTime() - settings.printerOfflineAfterMs);
  const silent = await db
    .select({ id: printers.id })
    .from(printers)
    .where(
      and(
        eq(printers.isEnabled, true),
        eq(printers.isOnline, false),
        sql`coalesce(${printers.lastSeenAt}, ${printers.createdAt}) <= ${offlineBefore.toISOString()}::timestamptz`,
        notExists(
          db
            .select({ id: alerts.id })
            .from(alerts)
            .where(and(eq(alerts.subjectId, printers.id), eq(alerts.kind, 'printer_offline'), isNull(alerts.clearedAt))),
        ),
      ),
    )
    .limit(100);
  for (const { id } of silent) {
    await db.transaction(async (tx) => {
      // Re-read under lock: a poll may have found it back online since.
      const [printer] = await tx.select().from(printers).where(eq(printers.id, id)).for('update');
      if (printer) await syncPrinterAlerts(tx, printer, now);
    });
    changed += 1;
  }

  const orphaned = await db
    .select({ shopId: alerts.shopId, subjectId: alerts.subjectId })
    .from(alerts)
    .leftJoin(printers, eq(printers.id, alerts.subjectId))
    .where(and(isNull(alerts.clearedAt), inArray(alerts.kind, [...PRINTER_ALERT_KINDS]), or(isNull(printers.id), eq(printers.isEnabled, false))))
    .limit(100);
  for (const alert of orphaned) {
    await db.transaction((tx) => clearAlerts(tx, { shopId: alert.shopId, printerId: alert.subjectId }, PRINTER_ALERT_KINDS));
    changed += 1;
  }

  const waitingBefore = new Date(now.getTime() - settings.awaitingAcceptanceAfterMs);
  const waiting = await db
    .select()
    .from(printJobs)
    .where(
      and(
        eq(printJobs.state, 'awaiting_acceptance'),
        lte(printJobs.createdAt, waitingBefore),
        notExists(
          db
            .select({ id: alerts.id })
            .from(alerts)
            .where(and(eq(alerts.subjectId, printJobs.id), eq(alerts.kind, 'job_waiting'), isNull(alerts.clearedAt))),
        ),
      ),
    )
    .limit(100);
  for (const job of waiting) {
    await db.transaction(async (tx) => {
      // Re-read under lock: the shop may have accepted it since, and the gate would not clear an alert raised after.
      const [still] = await tx
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.id, job.id), eq(printJobs.state, 'awaiting_acceptance')))
        .for('update');
      if (still) await raiseAlert(tx, { shopId: still.shopId, jobId: still.id }, await jobWaitingCondition(tx, still));
    });
    changed += 1;
  }
  return changed;
}
