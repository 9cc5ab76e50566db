import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';
import { isDocumentError } from '@/lib/documents/document-error';
import { canPrinterDoJob } from '@/lib/ipp/can-printer-do-job';
import { choosePrinter, LOOKAHEAD_JOBS, type TPrinterChoice } from '@/lib/dispatch/choose-printer';
import {
  assignConversionPrinter,
  claimJobForConversion,
  completeConversion,
  failConversion,
  loadConversionContext,
  markJobWaiting,
  postponeConversion,
  renewConversionLease,
  retryConversion,
  type TConversionContext,
} from '@/lib/convert/conversion-queue';
import { expectedImpressionsFor, ippTemplateFor, outputCapsFor } from '@/lib/convert/output-for-printer';
import { jobDemand } from '@/lib/dispatch/job-demand';
import { decideRetry, MAX_PRINT_ATTEMPTS } from '@/lib/print-jobs/retry-backoff';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import type { TConvertInput, TConvertResult } from '../isolate/convert-task';
import { IsolatedTaskError } from '../isolate/isolated-task-error';
import { createProcessPool, type TTaskPool } from '../isolate/process-pool';
import { sweepOrphanedScratch, withConversionScratch } from './conversion-scratch';
import { sleep, type TIdleWait } from '../run-loop';
import type { TPrintSettings } from '@/lib/config/print-settings';
import { isolationSettings, type TIsolationSettings } from '@/lib/config/isolation-settings';

/** How soon a job whose best printer has enough lined up is looked at again. */
const SLOT_WAIT_MS = 300;
/**
 * How often a job no printer can take is looked at again anyway; a change to the shop's
 * printers (refreshShopCapabilities) makes it look at once.
 */
const WAITING_RECHECK_MS = 60_000;

export type TConversionPool = TTaskPool<TConvertInput, TConvertResult, { pagesDone: number; totalPages: number }>;

/**
 * Warm child processes that convert jobs, each under OS limits (see process-pool.ts): memory
 * (PRINT_CONVERSION_MEMORY_MB, at least the heap + 512 MB), CPU time (twice the conversion
 * timeout over the child's life; it is replaced once it used half), open files. A child is
 * also replaced after 20 jobs, so nothing one job left behind lives on for long.
 */
export function createConversionPool(settings: TPrintSettings, isolation: TIsolationSettings = isolationSettings()): TConversionPool {
  return createProcessPool({
    moduleUrl: new URL('../isolate/convert-task.ts', import.meta.url),
    size: settings.conversionThreads,
    limits: {
      heapLimitMb: settings.conversionHeapMb,
      memoryBytes: Math.max(settings.conversionMemoryMb, settings.conversionHeapMb + 512) * 1024 ** 2,
      cpuSeconds: 2 * Math.ceil(settings.conversionTimeoutMs / 1000),
      openFiles: isolation.openFiles,
    },
    maxTasksPerChild: 20,
  });
}

/** The shop's pinned printer when it can still take the job, else the scheduler's choice. */
function choose(context: TConversionContext): TPrinterChoice {
  const demand = jobDemand(context.order, context.manualFinishings);
  const pinned = context.job.isPrinterPinned ? context.candidates.find((p) => p.id === context.job.printerId) : undefined;
  if (pinned && pinned.isEnabled && pinned.isOnline && canPrinterDoJob(pinned.capabilities, demand.needs).canPrint) {
    return { kind: 'chosen', printer: pinned, estimatedFinishMs: 0, hasFreeSlot: pinned.waitingJobs < LOOKAHEAD_JOBS };
  }
  return choosePrinter(context.candidates, demand);
}

function waitingReason(choice: Extract<TPrinterChoice, { kind: 'none' }>): string {
  if (!choice.reasons.length) return 'The shop has no printer connected.';
  if (choice.reasons.every((r) => r.why === 'offline' || r.why === 'disabled')) return 'All of the shop’s printers that can print this job are offline or disabled.';
  return `No printer of the shop can print this job now: ${choice.reasons.map((r) => `${r.name}: ${r.why === 'offline' ? 'offline' : r.why === 'disabled' ? 'disabled' : r.why}`).join('; ')}`;
}

/**
 * Converts one job for the printer the scheduler picks (just in time: only while that printer
 * has fewer than LOOKAHEAD_JOBS lined up), in a pooled isolated child process, and stores the output
 * under a fresh key, so a worker that lost its lease can never overwrite the output another
 * worker completed. True when there was a job to look at.
 */
export async function convertNextJob(workerId: string, pool: TConversionPool, settings: TPrintSettings): Promise<boolean> {
  const jobId = await claimJobForConversion(workerId, settings.convertLeaseMs);
  if (!jobId) return false;
  const context = await loadConversionContext(jobId);
  if (!context) return true;
  const { job, order } = context;
  if (job.attempts >= MAX_PRINT_ATTEMPTS) {
    if (await failConversion(job, workerId, 'Nearprint could not prepare this job after several tries.')) await settleJobRefunds({ jobId });
    return true;
  }
  const choice = choose(context);
  if (choice.kind === 'none') {
    await markJobWaiting(job, workerId, waitingReason(choice), WAITING_RECHECK_MS);
    return true;
  }
  if (!choice.hasFreeSlot) {
    await postponeConversion(jobId, workerId, SLOT_WAIT_MS);
    return true;
  }
  const printer = choice.printer;
  if (!(await assignConversionPrinter(job, workerId, printer))) return true;

  const heartbeat = setInterval(() => void renewConversionLease(jobId, workerId, settings.convertLeaseMs).catch(() => undefined), Math.max(250, settings.convertLeaseMs / 3));
  try {
    const store = documentStore();
    const documents: TConvertInput['documents'] = [];
    for (const document of context.documents) {
      if (!document.pdfKey) {
        if (await failConversion(job, workerId, `The file “${document.filename}” is no longer available.`)) await settleJobRefunds({ jobId });
        return true;
      }
      const bytes = new Uint8Array(await store.get(document.pdfKey));
      documents.push({ bytes, filename: document.filename, selectedPages: document.selectedPages, forcedMonoPages: document.forcedMonoPages });
    }
    // The output goes child → scratch file → store as a stream: nothing the size of a raster is ever in memory.
    const { result, outputKey } = await withConversionScratch(async (folder) => {
      const outputPath = path.join(folder, 'output');
      // A cloud printer's raster is rendered as it is sent (first page within seconds); an agent is sent the raster itself.
      const rasterAtSend = !context.candidates.find((candidate) => candidate.id === printer.id)?.viaAgent;
      const converted = await pool.run({ documents, options: order.options, printer: outputCapsFor(printer.capabilities), outputPath, rasterAtSend }, { timeoutMs: settings.conversionTimeoutMs });
      const key = documentKeys.jobOutput(jobId, `${randomUUID().slice(0, 8)}.${converted.format === 'application/pdf' || converted.outputRaster ? 'pdf' : 'pwg'}`);
      await store.put(key, createReadStream(outputPath));
      return { result: converted, outputKey: key };
    });
    const demand = jobDemand(order, context.manualFinishings);
    const isDone = await completeConversion(job, workerId, {
      printerId: printer.id,
      printerName: printer.name,
      outputKey,
      outputFormat: result.format,
      outputRaster: result.outputRaster,
      expectedImpressions: expectedImpressionsFor(result),
      template: ippTemplateFor(order.options, result, printer.capabilities, demand.needs.finishing),
      pageCount: result.pageCount,
    });
    if (!isDone) await store.delete(outputKey);
    else if (job.outputKey && job.outputKey !== outputKey) await store.delete(job.outputKey).catch(() => undefined);
  } catch (error) {
    await onConversionError(context, workerId, error, settings);
  } finally {
    clearInterval(heartbeat);
  }
  return true;
}

/** Bad input the customer must fix fails the job at once (refunded); anything else is retried with backoff. */
async function onConversionError(context: TConversionContext, workerId: string, error: unknown, settings: TPrintSettings): Promise<void> {
  const { job } = context;
  const isExpected = (isDocumentError(error) && error.isExpected) || ((error as { isExpected?: boolean }).isExpected ?? false);
  if (isExpected) {
    if (await failConversion(job, workerId, (error as Error).message)) await settleJobRefunds({ jobId: job.id });
    return;
  }
  console.error(`[print-converter] job ${job.id}:`, error);
  const reason = error instanceof IsolatedTaskError ? `Preparing the file failed (${error.reason.replace(/_/g, ' ')}).` : 'Preparing the file failed unexpectedly.';
  const decision = decideRetry(job.attempts + 1, new Date(), settings.backoff);
  if (decision.isFinal) {
    if (await failConversion(job, workerId, `${reason} Nearprint gave up after ${job.attempts + 1} tries.`)) await settleJobRefunds({ jobId: job.id });
  } else {
    await retryConversion(job, workerId, decision.runAfter, reason);
  }
}

/**
 * Runs `conversionThreads` conversions side by side until the signal aborts. Each lane holds
 * its leases under its own name, so a lane can never complete a job another lane reclaimed.
 */
export async function runPrintConverter(signal: AbortSignal, workerId: string, pool: TConversionPool, settings: TPrintSettings, idleWait: TIdleWait = sleep): Promise<void> {
  await sweepOrphanedScratch().catch((error: unknown) => console.error('[print-converter] could not sweep old scratch files:', error));
  const lane = async (_: unknown, index: number) => {
    while (!signal.aborted) {
      let didWork = false;
      try {
        didWork = await convertNextJob(`${workerId}:c${index}`, pool, settings);
      } catch (error) {
        console.error('[print-converter] round failed:', error);
      }
      if (!didWork) await idleWait(settings.pollMs, signal);
    }
  };
  await Promise.all(Array.from({ length: settings.conversionThreads }, lane));
}
