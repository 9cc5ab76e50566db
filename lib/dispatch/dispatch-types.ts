import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ZJobTemplate } from '@/lib/ipp/job-template';

/** A printer as its dispatcher needs it. */
export const ZDispatchPrinter = z.object({
  id: z.uuid(),
  name: z.string(),
  uri: z.string(),
  pagesPerMinute: z.number().int().positive(),
  pagesPerMinuteColor: z.number().int().positive().nullable(),
});
export type TDispatchPrinter = z.infer<typeof ZDispatchPrinter>;

/** A converted job on its way to, or on, a printer. */
export const ZDispatchJob = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  ippJobName: z.string(),
  state: z.enum(['queued', 'sending', 'printing']),
  ippJobId: z.number().int().nullable(),
  outputFormat: z.string(),
  expectedImpressions: z.number().int().nonnegative(),
  impressionsCompleted: z.number().int().nonnegative(),
  template: ZJobTemplate,
  /**
   * When the document upload began (ISO); null while nothing of it can have reached the
   * printer. A job `sending` with this set may be on the printer: it is looked up there, never
   * sent again blindly.
   */
  documentSentAt: z.string().nullable(),
  isColor: z.boolean(),
  isCancelRequested: z.boolean(),
});
export type TDispatchJob = z.infer<typeof ZDispatchJob>;

/** What the store answers while a job is followed: whether to stop it, and whether it is still this printer's. */
export const ZJobControl = z.object({ isOurs: z.boolean(), isCancelRequested: z.boolean(), isPrinterOnline: z.boolean() });
export type TJobControl = z.infer<typeof ZJobControl>;

export const ZJobProgress = z.object({
  impressionsCompleted: z.number().int().nonnegative(),
  /** Printer warnings and errors worth showing (jobProblemReasons). */
  stateReasons: z.array(z.string().max(100)).max(50),
  /** Write a throttled job.progress event with this report. */
  isProgressEvent: z.boolean(),
});
export type TJobProgress = z.infer<typeof ZJobProgress>;

/**
 * How a dispatch ends for a job:
 * - printed: the printer reported it completed, with these impressions;
 * - requeue: nothing reached the printer (it was busy with someone else's job): back in line, no attempt counted;
 * - retry: the printer refused the document, could not be reached before the upload, or aborted the job itself: back
 *   in line after a backoff, an attempt counted, on another printer when `isPrinterFault` and the shop has one;
 * - move: its converted file is missing, before any upload: the job is converted again, no attempt counted;
 * - failed: cannot succeed (the printer refused it for good or dropped an option): failed and refunded;
 * - canceled: stopped at the shop's request;
 * - outcome_unknown: the printer may have printed it but cannot say (it forgot the job, or stopped answering): the
 *   shop checks the tray and confirms or reprints. Never resent blindly.
 */
export const ZDispatchOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('printed'), impressionsCompleted: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('requeue'), reason: z.string().max(500), delayMs: z.number().int().min(0).max(60_000) }),
  z.object({ kind: z.literal('retry'), reason: z.string().max(500), isPrinterFault: z.boolean() }),
  z.object({ kind: z.literal('move'), reason: z.string().max(500) }),
  z.object({ kind: z.literal('failed'), reason: z.string().max(500) }),
  z.object({ kind: z.literal('canceled') }),
  z.object({ kind: z.literal('outcome_unknown'), reason: z.string().max(500) }),
]);
export type TDispatchOutcome = z.infer<typeof ZDispatchOutcome>;

/**
 * Where a dispatcher reads and records its printer's jobs: the database in the cloud worker,
 * the agent API over HTTPS in agent mode. Every write names the printer, and the store only
 * accepts it while the caller holds that printer's dispatch lease.
 */
export type TDispatchStore = {
  renewLease(printerId: string): Promise<boolean>;
  releaseLease(printerId: string): Promise<void>;
  /** The job the printer has (sending or printing), if any. */
  currentJob(printerId: string): Promise<TDispatchJob | null>;
  /** The oldest converted job in line for the printer whose backoff has passed. */
  nextJob(printerId: string): Promise<TDispatchJob | null>;
  /**
   * The converted file, a stream where the store can give one (the cloud worker): a big raster
   * job is never held whole. Each call opens a fresh stream, so a resend reads it from the start.
   */
  readOutput(printerId: string, jobId: string): Promise<Buffer | Readable>;
  /** queued → sending; false when the job is no longer there to send. */
  startSending(printerId: string, jobId: string): Promise<boolean>;
  /**
   * Recorded before the first byte of the document goes out: from here on the printer may have
   * the job, under `ippJobId` (Create-Job) or its job-name (Print-Job). Nothing is uploaded
   * unless this was recorded (isOurs).
   */
  beginUpload(printerId: string, jobId: string, ippJobId: number | null): Promise<TJobControl>;
  /** sending → printing with the printer's job id (the order starts printing); on a printing job, its new id. */
  markPrinting(printerId: string, jobId: string, ippJobId: number): Promise<TJobControl>;
  reportProgress(printerId: string, jobId: string, progress: TJobProgress): Promise<TJobControl>;
  finish(printerId: string, jobId: string, outcome: TDispatchOutcome): Promise<void>;
};
