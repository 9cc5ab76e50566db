import { printerPollSettings } from '@/lib/config/printer-poll-settings';
import { pollDuePrinters } from '@/lib/printers/poll-printers';
import { runLoop } from '../run-loop';

/** Asks every enabled printer for its state on a fixed rhythm, shared among all workers. */
export function runPrinterPoller(signal: AbortSignal): Promise<void> {
  const settings = printerPollSettings();
  return runLoop('printer-poller', {
    signal,
    idleMs: Math.min(1000, settings.intervalMs / 2),
    tick: async () => (await pollDuePrinters(settings)) > 0,
  });
}
