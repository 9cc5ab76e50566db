import { randomBytes } from 'node:crypto';
import { printSettings, type TPrintSettings } from '@/lib/config/print-settings';
import { createConversionPool, runPrintConverter } from '../loops/print-converter';
import { runPrintDispatcher } from '../loops/print-dispatcher';
import { runPrintHousekeeping } from '../loops/print-housekeeping';
import { runPrinterPoller } from '../loops/printer-poller';

/** Test settings: quick polling, short leases and backoff, so failures heal within seconds. */
export const FAST_PRINT_ENV: Record<string, string> = {
  PRINT_POLL_MS: '50',
  PRINT_CONVERT_LEASE_MS: '4000',
  PRINT_DISPATCH_LEASE_MS: '2000',
  PRINT_RETRY_BASE_MS: '200',
  PRINT_RETRY_MAX_MS: '1000',
  PRINTER_POLL_INTERVAL_MS: '500',
  PRINTER_OFFLINE_AFTER_MISSES: '2',
  PRINTER_POLL_TIMEOUT_MS: '500',
  AGENT_PRINTER_STALE_MS: '3000',
  RETENTION_INTERVAL_MS: '200',
  PRINT_UNREACHABLE_GIVE_UP_MS: '3000',
  PRINT_DOCUMENT_TIMEOUT_MS: '5000',
};

/**
 * The cloud worker's print loops in this process (converter, dispatcher, housekeeping and,
 * unless told not to, the printer poller), for integration tests that drive the pipeline
 * without a child process. Settings come from FAST_PRINT_ENV unless overridden.
 */
export function startPrintWorker(options: { env?: Record<string, string>; isPolling?: boolean } = {}): { workerId: string; settings: TPrintSettings; stop: () => Promise<void> } {
  const environment = { ...FAST_PRINT_ENV, ...options.env };
  Object.assign(process.env, {
    PRINTER_POLL_INTERVAL_MS: environment.PRINTER_POLL_INTERVAL_MS,
    PRINTER_OFFLINE_AFTER_MISSES: environment.PRINTER_OFFLINE_AFTER_MISSES,
    PRINTER_POLL_TIMEOUT_MS: environment.PRINTER_POLL_TIMEOUT_MS,
  });
  const settings = printSettings({ ...process.env, ...environment });
  const workerId = `test:${process.pid}:${randomBytes(3).toString('hex')}`;
  const controller = new AbortController();
  const pool = createConversionPool(settings);
  const loops = [
    runPrintConverter(controller.signal, workerId, pool, settings),
    runPrintDispatcher(controller.signal, workerId, settings),
    runPrintHousekeeping(controller.signal, settings),
    ...(options.isPolling === false ? [] : [runPrinterPoller(controller.signal)]),
  ];
  return {
    workerId,
    settings,
    stop: async () => {
      controller.abort();
      await Promise.allSettled(loops);
      await pool.close();
    },
  };
}
