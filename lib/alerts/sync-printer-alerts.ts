import type { TPrinter } from '@/db/schema/printers';
import { alertSettings } from '@/lib/config/alert-settings';
import { clearablePrinterAlertKinds, printerAlertConditions } from './alert-conditions';
import { clearAlerts, raiseAlert, type TAlertExecutor } from './raise-alert';

/**
 * Brings a printer's alerts in line with its recorded state: raises what its state calls for
 * (once), clears what it no longer does. Called in the transaction that records the state (the
 * cloud poller, the agent's report, the owner switching it off) and by the alert sweep for the
 * conditions that only time makes true (offline for N minutes).
 */
export async function syncPrinterAlerts(executor: TAlertExecutor, printer: TPrinter, now = new Date()): Promise<void> {
  const conditions = printerAlertConditions(printer, { now, offlineAfterMs: alertSettings().printerOfflineAfterMs });
  const subject = { shopId: printer.shopId, printerId: printer.id };
  for (const condition of conditions) await raiseAlert(executor, subject, condition);
  const fixed = clearablePrinterAlertKinds(printer).filter((kind) => !conditions.some((condition) => condition.kind === kind));
  await clearAlerts(executor, subject, fixed);
}
