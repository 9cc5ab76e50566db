import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

/** Backoff between a job's failed attempts (lib/print-jobs/retry-backoff.ts), in ms. */
export type TBackoffSettings = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: TBackoffSettings = { baseMs: 2_000, maxMs: 2 * 60_000 };

/** The dispatcher's timing (lib/dispatch/dispatch-printer.ts), in ms. */
export type TDispatchSettings = {
  leaseRenewMs: number;
  /** Give the printer back (release the lease) after it had nothing to send for this long. */
  idleReleaseMs: number;
  /** At most one job.progress event per job this often. */
  progressEventMs: number;
  /** How often the job's row is touched while nothing changes, so the shop sees it is followed. */
  heartbeatMs: number;
  /** Status and control requests to the printer. */
  requestTimeoutMs: number;
  /** Requests that carry the document: how long the upload may move no byte, or the printer not answer after it. */
  documentTimeoutMs: number;
  /**
   * How long a printer may stay silent while it may have a job before the shop is asked to
   * check the tray (outcome unknown). Until then the dispatcher keeps asking; it never resends.
   */
  unreachableGiveUpMs: number;
};

export const DEFAULT_DISPATCH_SETTINGS: TDispatchSettings = {
  leaseRenewMs: 2_000,
  idleReleaseMs: 1_500,
  progressEventMs: 1_000,
  heartbeatMs: 5_000,
  requestTimeoutMs: 5_000,
  documentTimeoutMs: 120_000,
  unreachableGiveUpMs: 60_000,
};

export const ZPrintEnv = z.object({
  /** How often an idle worker looks for jobs to convert and printers to drive. */
  PRINT_POLL_MS: z.coerce.number().int().min(20).default(200),
  /** A converting worker's claim; renewed while it works, so only a dead worker's runs out. */
  PRINT_CONVERT_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A printer's dispatch lease; a dead worker's printers are taken over after this. */
  PRINT_DISPATCH_LEASE_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Backoff after the first failed attempt; doubles each time, up to PRINT_RETRY_MAX_MS. */
  PRINT_RETRY_BASE_MS: z.coerce.number().int().min(10).default(DEFAULT_BACKOFF.baseMs),
  PRINT_RETRY_MAX_MS: z.coerce.number().int().min(10).default(DEFAULT_BACKOFF.maxMs),
  /** Conversion processes per worker (each runs the filter pipeline for one job at a time). */
  PRINT_CONVERSION_THREADS: z.coerce.number().int().min(1).max(32).default(2),
  /** Heap limit of a conversion process, in MB. */
  PRINT_CONVERSION_HEAP_MB: z.coerce.number().int().min(128).default(1536),
  /**
   * Memory a conversion process may write to, in MB (RLIMIT_DATA; at least the heap + 512).
   * More than inspection gets: its input is already inspected, and a PWG raster job holds its
   * output about three times over (Ghostscript's output, joined, sent to the worker).
   */
  PRINT_CONVERSION_MEMORY_MB: z.coerce.number().int().min(256).default(4096),
  /** Longest a conversion may take before its process is killed, in ms. */
  PRINT_CONVERSION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /**
   * How long a printer may stay silent while it may have a job before the shop is asked to check
   * whether it printed (it is never sent again on its own).
   */
  PRINT_UNREACHABLE_GIVE_UP_MS: z.coerce.number().int().min(500).default(DEFAULT_DISPATCH_SETTINGS.unreachableGiveUpMs),
  /** An upload (Send-Document, Print-Job) to a printer times out after moving no byte for this long. */
  PRINT_DOCUMENT_TIMEOUT_MS: z.coerce.number().int().min(500).default(DEFAULT_DISPATCH_SETTINGS.documentTimeoutMs),
  /** An agent printer unreported for this long counts as offline. */
  AGENT_PRINTER_STALE_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often retention looks for files to delete. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
});

export type TPrintSettings = {
  pollMs: number;
  convertLeaseMs: number;
  dispatchLeaseMs: number;
  backoff: TBackoffSettings;
  conversionThreads: number;
  conversionHeapMb: number;
  conversionMemoryMb: number;
  conversionTimeoutMs: number;
  agentPrinterStaleMs: number;
  retentionIntervalMs: number;
  dispatch: TDispatchSettings;
};

/** The print pipeline's knobs, from the environment (tests and benchmarks pass their own, turned down). */
export function printSettings(source: TEnvSource = processEnv()): TPrintSettings {
  const parsed = parseEnv(ZPrintEnv, source);
  return {
    pollMs: parsed.PRINT_POLL_MS,
    convertLeaseMs: parsed.PRINT_CONVERT_LEASE_MS,
    dispatchLeaseMs: parsed.PRINT_DISPATCH_LEASE_MS,
    backoff: { baseMs: parsed.PRINT_RETRY_BASE_MS, maxMs: parsed.PRINT_RETRY_MAX_MS },
    conversionThreads: parsed.PRINT_CONVERSION_THREADS,
    conversionHeapMb: parsed.PRINT_CONVERSION_HEAP_MB,
    conversionMemoryMb: parsed.PRINT_CONVERSION_MEMORY_MB,
    conversionTimeoutMs: parsed.PRINT_CONVERSION_TIMEOUT_MS,
    agentPrinterStaleMs: parsed.AGENT_PRINTER_STALE_MS,
    retentionIntervalMs: parsed.RETENTION_INTERVAL_MS,
    dispatch: {
      ...DEFAULT_DISPATCH_SETTINGS,
      unreachableGiveUpMs: parsed.PRINT_UNREACHABLE_GIVE_UP_MS,
      documentTimeoutMs: parsed.PRINT_DOCUMENT_TIMEOUT_MS,
      leaseRenewMs: Math.max(250, Math.floor(parsed.PRINT_DISPATCH_LEASE_MS / 4)),
    },
  };
}
