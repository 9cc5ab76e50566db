import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, type TPrinter } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { syncPrinterAlerts } from '@/lib/alerts/sync-printer-alerts';
import { getPrinterCapabilities } from '@/lib/ipp/get-printer-capabilities';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { isIppError } from '@/lib/ipp/ipp-error';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import type { TPollSettings } from '@/lib/config/printer-poll-settings';
import { printerColumnsFromCapabilities, printerColumnsFromStatus } from './printer-columns';

/**
 * Claims the enabled, directly reachable printers whose poll is due, by stamping
 * last_polled_at in one statement with SKIP LOCKED: several workers split the fleet and
 * none polls a printer another is polling. Agent printers are reported by their agent.
 */
export async function claimDuePrinters(settings: TPollSettings, limit = 25): Promise<TPrinter[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update printers set last_polled_at = now()
    where id in (
      select id from printers
      where is_enabled and not via_agent
        and (last_polled_at is null or last_polled_at < now() - make_interval(secs => ${settings.intervalMs / 1000}))
      order by last_polled_at nulls first
      limit ${limit}
      for update skip locked
    )
    returning id`);
  if (!rows.length) return [];
  return db
    .select()
    .from(printers)
    .where(sql`${printers.id} in ${rows.map((r) => r.id)}`);
}

function statusChanged(before: TPrinter, after: ReturnType<typeof printerColumnsFromStatus>): boolean {
  return (
    before.state !== after.state ||
    before.queuedJobCount !== after.queuedJobCount ||
    before.stateReasons.join() !== after.stateReasons?.join() ||
    JSON.stringify(before.markers) !== JSON.stringify(after.markers)
  );
}

/**
 * Asks one printer for its state and records the answer. A printer that comes back after
 * being offline is asked for its capabilities again (it may have been swapped or
 * reconfigured) before the shop's capabilities are recomputed.
 */
export async function pollPrinter(printer: TPrinter, settings: TPollSettings): Promise<void> {
  try {
    const status = await getPrinterStatus(printer.uri, { timeoutMs: settings.timeoutMs });
    const capabilities = printer.isOnline ? null : await getPrinterCapabilities(printer.uri, { timeoutMs: settings.timeoutMs });
    const statusColumns = printerColumnsFromStatus(status);
    await db.transaction(async (tx) => {
      const [recorded] = await tx
        .update(printers)
        .set({
          ...statusColumns,
          ...(capabilities ? printerColumnsFromCapabilities(capabilities) : {}),
          isOnline: true,
          missedPolls: 0,
          lastError: null,
          lastSeenAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(printers.id, printer.id))
        .returning();
      if (recorded) await syncPrinterAlerts(tx, recorded);
      if (!printer.isOnline) {
        await refreshShopCapabilities(printer.shopId, tx);
        await appendEvent({ type: 'printer.online', shopId: printer.shopId, printerId: printer.id, actor: 'worker', data: { name: printer.name, ...statusColumns } }, tx);
      } else if (statusChanged(printer, statusColumns)) {
        await appendEvent({ type: 'printer.status', shopId: printer.shopId, printerId: printer.id, actor: 'worker', data: { name: printer.name, ...statusColumns } }, tx);
      }
    });
  } catch (error) {
    if (!isIppError(error)) throw error;
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(printers)
        .set({
          missedPolls: sql`${printers.missedPolls} + 1`,
          lastError: error.message,
          isOnline: sql`${printers.isOnline} and ${printers.missedPolls} + 1 < ${settings.offlineAfterMisses}`,
          updatedAt: new Date(),
        })
        .where(eq(printers.id, printer.id))
        .returning();
      if (updated) await syncPrinterAlerts(tx, updated);
      if (printer.isOnline && updated && !updated.isOnline) {
        await refreshShopCapabilities(printer.shopId, tx);
        await appendEvent({ type: 'printer.offline', shopId: printer.shopId, printerId: printer.id, actor: 'worker', data: { name: printer.name, reason: error.message } }, tx);
      }
    });
  }
}

/** One round: every due printer is polled, concurrently, each with its own timeout. */
export async function pollDuePrinters(settings: TPollSettings): Promise<number> {
  const due = await claimDuePrinters(settings);
  await Promise.all(due.map((printer) => pollPrinter(printer, settings)));
  return due.length;
}
