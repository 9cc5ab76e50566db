import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

/** How the worker polls directly reachable printers (lib/printers/poll-printers.ts). */
export type TPollSettings = {
  /** How often each printer is asked for its state. */
  intervalMs: number;
  /** Consecutive unanswered polls before a printer counts as offline. */
  offlineAfterMisses: number;
  /** Per-request IPP timeout; shorter than the interval so a dead printer cannot stall a round. */
  timeoutMs: number;
};

export const ZPrinterPollEnv = z.object({
  PRINTER_POLL_INTERVAL_MS: z.coerce.number().int().min(500).default(5000),
  PRINTER_OFFLINE_AFTER_MISSES: z.coerce.number().int().min(1).default(3),
  PRINTER_POLL_TIMEOUT_MS: z.coerce.number().int().min(200).default(3000),
});

export function printerPollSettings(source: TEnvSource = processEnv()): TPollSettings {
  const parsed = parseEnv(ZPrinterPollEnv, source);
  return { intervalMs: parsed.PRINTER_POLL_INTERVAL_MS, offlineAfterMisses: parsed.PRINTER_OFFLINE_AFTER_MISSES, timeoutMs: parsed.PRINTER_POLL_TIMEOUT_MS };
}
