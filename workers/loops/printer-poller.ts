import { z } from 'zod';
import { pollDuePrinters, type TPollSettings } from '@/lib/printers/poll-printers';
import { runLoop } from '../run-loop';

const ZPollEnv = z.object({
  PRINTER_POLL_INTERVAL_MS: z.coerce.number().int().min(500).default(5000),
  PRINTER_OFFLINE_AFTER_MISSES: z.coerce.number().int().min(1).default(3),
  PRINTER_POLL_TIMEOUT_MS: z.coerce.number().int().min(200).default(3000),
});

export function printerPollSettings(): TPollSettings {
  const parsed = ZPollEnv.parse(process.env);
  return { intervalMs: parsed.PRINTER_POLL_INTERVAL_MS, offlineAfterMisses: parsed.PRINTER_OFFLINE_AFTER_MISSES, timeoutMs: parsed.PRINTER_POLL_TIMEOUT_MS };
}

/** Asks every enabled printer for its state on a fixed rhythm, shared among all workers. */
export function runPrinterPoller(signal: AbortSignal): Promise<void> {
  const settings = printerPollSettings();
  return runLoop('printer-poller', {
    signal,
    idleMs: Math.min(1000, settings.intervalMs / 2),
    tick: async () => (await pollDuePrinters(settings)) > 0,
  });
}
