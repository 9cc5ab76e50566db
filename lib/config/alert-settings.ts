import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

export const ZAlertEnv = z.object({
  /** Minutes a printer may be offline before its shop is alerted (0: at once). */
  ALERT_PRINTER_OFFLINE_MINUTES: z.coerce.number().min(0).max(1440).default(5),
  /** Minutes a job may wait for the shop to accept it before the shop is alerted (0: at once). */
  ALERT_AWAITING_ACCEPTANCE_MINUTES: z.coerce.number().min(0).max(1440).default(10),
});

export type TAlertSettings = { printerOfflineAfterMs: number; awaitingAcceptanceAfterMs: number };

/** Read on each use, not cached: tests turn the waits down after start-up. */
export function alertSettings(source: TEnvSource = processEnv()): TAlertSettings {
  const parsed = parseEnv(ZAlertEnv, source);
  return { printerOfflineAfterMs: parsed.ALERT_PRINTER_OFFLINE_MINUTES * 60_000, awaitingAcceptanceAfterMs: parsed.ALERT_AWAITING_ACCEPTANCE_MINUTES * 60_000 };
}
