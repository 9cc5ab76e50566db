import { bookCollectedEarnings } from '@/lib/shop-queue/hand-over-order';
import { purgeExpiredFiles } from '@/lib/retention/purge-expired-files';
import { purgeAbandonedGuests } from '@/lib/retention/purge-abandoned-guests';
import { markSilentAgentPrintersOffline, rescueStrandedJobs } from '@/lib/dispatch/rescue-stranded-jobs';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { syncOrderMoves } from '@/lib/billing/moves/sync-order-moves';
import { sweepAlerts } from '@/lib/alerts/sweep-alerts';
import { runLoop } from '../run-loop';
import type { TPrintSettings } from '@/lib/config/print-settings';

const ROUND_MS = 1_000;

/**
 * The print pipeline's safety nets, shared by all workers (each step is idempotent and
 * claims with conditional updates, so several workers running it is harmless): jobs stranded
 * on printers that went away go back in line, silent agent printers count as offline, owed
 * refunds are paid, refunds order moves still owe are made (and top-ups whose webhook never came
 * are read from Stripe), alerts only time raises (printer offline, job waiting) are raised, and
 * expired files deleted.
 */
export function runPrintHousekeeping(signal: AbortSignal, settings: TPrintSettings): Promise<void> {
  let lastPurge = 0;
  const step = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      console.error(`[print-housekeeping] ${name} failed:`, error);
    }
  };
  return runLoop('print-housekeeping', {
    signal,
    idleMs: ROUND_MS,
    tick: async () => {
      await step('agent printers', () => markSilentAgentPrintersOffline(settings.agentPrinterStaleMs));
      await step('stranded jobs', () => rescueStrandedJobs({ unsureAfterMs: settings.dispatch.unreachableGiveUpMs }));
      await step('refunds', () => settleJobRefunds());
      await step('earnings', () => bookCollectedEarnings());
      await step('order moves', () => syncOrderMoves());
      await step('alerts', () => sweepAlerts());
      if (Date.now() - lastPurge >= settings.retentionIntervalMs) {
        lastPurge = Date.now();
        await step('retention', () => purgeExpiredFiles());
        await step('abandoned guests', () => purgeAbandonedGuests());
      }
      return false;
    },
  });
}
