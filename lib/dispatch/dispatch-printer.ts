import type { Readable } from 'node:stream';
import { compareRequestedOptions, type TOptionMismatch } from '@/lib/ipp/compare-requested-options';
import type { TJobDetails } from '@/lib/ipp/get-job-attributes';
import { isDocumentError } from '@/lib/documents/document-error';
import { isIppError } from '@/lib/ipp/ipp-error';
import type { TIppJob } from '@/lib/ipp/ipp-job';
import { jobProblemReasons } from '@/lib/printers/job-reasons';
import { msPerImpression } from './choose-printer';
import type { TDispatchJob, TDispatchOutcome, TDispatchPrinter, TDispatchStore } from './dispatch-types';
import { ippPrinterPort, type TPrinterPort } from './printer-port';
import { DEFAULT_DISPATCH_SETTINGS, type TDispatchSettings } from '@/lib/config/print-settings';

/** How often an idle dispatcher looks for the next job in line. */
const IDLE_POLL_MS = 100;
/** After the printer said it is busy with someone else's job. */
const BUSY_REQUEUE_MS = 250;
/** How long a job waits when the document store could not be read, before its printer tries it again. */
const STORE_RETRY_MS = 2_000;
/** How often a silent printer is asked again (about an upload in doubt, or a job it has). */
const UNREACHABLE_POLL_MS = 500;
/** While silent, the job's row is touched this often so the lease and the shop's view stay fresh. */
const UNREACHABLE_REPORT_MS = 2_000;
/** A job the printer holds but is not processing (pending, held) is asked about this often. */
const NOT_PROCESSING_POLL_MS = 200;
/** Polling while printing adapts to the pages left: between these bounds. */
const MIN_PROGRESS_POLL_MS = 50;
const MAX_PROGRESS_POLL_MS = 1_000;
/** Printer-level reasons (paper out, door open) are fetched at most this often while printing. */
const PRINTER_REASONS_REFRESH_MS = 2_000;

type TFollowed = {
  job: TDispatchJob & { ippJobId: number };
  isVerified: boolean;
  isCancelSent: boolean;
  isCancelRequested: boolean;
  lastWriteAt: number;
  lastEventAt: number;
  lastReported: string;
  printerReasons: string[];
  printerReasonsAt: number;
  unreachableSince: number | null;
};

type TContext = {
  printer: TDispatchPrinter;
  store: TDispatchStore;
  port: TPrinterPort;
  settings: TDispatchSettings;
  signal: AbortSignal;
  /** Create-Job + Send-Document until the printer says it has no Create-Job; then Print-Job. */
  canCreateJob: boolean;
};

/** One step of following a job: the job still followed (or null when it ended or is no longer ours) and when to look again. */
type TStep = { followed: TFollowed | null; waitMs: number };

const OPTION_WORDS: Record<TOptionMismatch['option'], string> = {
  media: 'the paper size',
  sides: 'two-sided printing',
  printColorMode: 'the colour setting',
  copies: 'the number of copies',
  finishings: 'the finishing',
  pageRanges: 'the page ranges',
};

/** What the printer did not keep, for the shop: "The printer ignored two-sided printing." */
export function describeMismatches(mismatches: TOptionMismatch[], ignored: string[] = []): string {
  const options = [...new Set([...mismatches.map((m) => OPTION_WORDS[m.option]), ...ignored])];
  return `The printer ignored ${options.join(' and ')}, so the job was stopped rather than printed wrong.`;
}

/**
 * Sends one printer its jobs and follows them, while this worker (or agent) holds the
 * printer's dispatch lease. A printer takes one job at a time, so the next converted job goes
 * out the moment the current one completes.
 *
 * Exactly once, whatever the network does: a job goes `queued → sending`, then Create-Job makes
 * an empty job on the printer (nothing can print from it), then `beginUpload` records the
 * printer's job id *before* the first byte of the document leaves; only then is the document
 * sent. So a job `sending` without `documentSentAt` provably never reached the printer and is
 * simply sent again, while one with it is looked up on the printer (by id, then by job-name in
 * the printer's list of all jobs, finished ones included) and followed if found; if the printer
 * cannot say, the shop is asked (outcome unknown). A timeout or reset during or after an upload
 * is never answered with a resend. Printers without Create-Job get Print-Job, recorded the same
 * way before the upload and looked up by job-name.
 */
export async function dispatchPrinter(
  printer: TDispatchPrinter,
  store: TDispatchStore,
  signal: AbortSignal,
  settings: TDispatchSettings = DEFAULT_DISPATCH_SETTINGS,
  port: TPrinterPort = ippPrinterPort(printer.uri, { requestMs: settings.requestTimeoutMs, documentMs: settings.documentTimeoutMs }),
): Promise<void> {
  const context: TContext = { printer, store, port, settings, signal, canCreateJob: true };
  const lease = keepLease(context);
  try {
    let followed = await resume(context);
    let idleSince: number | null = null;
    while (!signal.aborted && !lease.isLost()) {
      if (followed) {
        const step = await watch(context, followed);
        followed = step.followed;
        if (step.waitMs > 0) await sleep(step.waitMs, signal);
        continue;
      }
      const next = await store.nextJob(printer.id);
      if (!next) {
        idleSince ??= Date.now();
        if (Date.now() - idleSince >= settings.idleReleaseMs) break;
        await sleep(IDLE_POLL_MS, signal);
        continue;
      }
      idleSince = null;
      followed = next.state === 'sending' ? await resumeSending(context, next) : await send(context, next);
    }
  } finally {
    lease.stop();
    if (!lease.isLost()) await store.releaseLease(printer.id).catch(() => undefined);
  }
}

/**
 * Renews the lease on its own clock, so a long upload never lets it run out while this
 * dispatcher is alive; a renewal refused means another took over: stop.
 */
function keepLease({ store, printer, settings }: TContext): { isLost(): boolean; stop(): void } {
  let isLost = false;
  const timer = setInterval(() => {
    void store.renewLease(printer.id).then(
      (isHeld) => {
        if (!isHeld) isLost = true;
      },
      () => undefined,
    );
  }, settings.leaseRenewMs);
  return { isLost: () => isLost, stop: () => clearInterval(timer) };
}

/** What a dispatcher finds when it takes over the printer: a job being sent or printed by its predecessor. */
async function resume(context: TContext): Promise<TFollowed | null> {
  const current = await context.store.currentJob(context.printer.id);
  if (!current) return null;
  if (current.state === 'sending') return resumeSending(context, current);
  if (current.ippJobId === null) return settleUpload(context, current);
  return follow({ ...current, ippJobId: current.ippJobId }, current.isCancelRequested);
}

/** A job left `sending`: never uploaded (send it), or uploaded in doubt (ask the printer). */
async function resumeSending(context: TContext, job: TDispatchJob): Promise<TFollowed | null> {
  if (job.documentSentAt) return settleUpload(context, job);
  if (job.isCancelRequested) return finish(context, job, { kind: 'canceled' });
  return readAndUpload(context, job);
}

/** A converted job's turn: mark it sending, then upload it. */
async function send(context: TContext, job: TDispatchJob): Promise<TFollowed | null> {
  if (job.isCancelRequested) return finish(context, job, { kind: 'canceled' });
  if (!(await context.store.startSending(context.printer.id, job.id))) return null;
  const sending: TDispatchJob = { ...job, state: 'sending', ippJobId: null, documentSentAt: null };
  return readAndUpload(context, sending);
}

/** Opens the converted file and uploads it; a stream not (fully) sent is closed whatever happened. */
async function readAndUpload(context: TContext, job: TDispatchJob): Promise<TFollowed | null> {
  const data = await readOutput(context, job);
  if (!data) return null;
  try {
    return await upload(context, job, data);
  } finally {
    if (!Buffer.isBuffer(data)) data.destroy();
  }
}

async function readOutput(context: TContext, job: TDispatchJob): Promise<Buffer | Readable | null> {
  try {
    return await context.store.readOutput(context.printer.id, job.id);
  } catch (error) {
    // Gone: convert it again. Unreadable for now (the store refuses or times out): the same job
    // waits a little, as for a busy printer; converting again would need the store too.
    if (isDocumentError(error) && error.code === 'not_found') await finish(context, job, { kind: 'move', reason: 'The converted file was not found; preparing it again.' });
    else await finish(context, job, { kind: 'requeue', reason: 'The converted file could not be read from the document store; trying again shortly.', delayMs: STORE_RETRY_MS });
    return null;
  }
}

/** Create-Job, record, Send-Document; or Print-Job for printers without Create-Job. */
async function upload(context: TContext, job: TDispatchJob, data: Buffer | Readable): Promise<TFollowed | null> {
  const { store, port, printer } = context;
  if (context.canCreateJob) {
    let created;
    try {
      created = await port.createJob({ jobName: job.ippJobName, template: job.template });
    } catch (error) {
      if (isIppError(error) && error.ippStatus === 'server-error-operation-not-supported') {
        context.canCreateJob = false;
        return upload(context, job, data);
      }
      // No document left here: an empty job the printer may have made cannot print.
      return refused(context, job, error);
    }
    if (created.unsupportedAttributes.length) {
      await port.cancelJob(created.jobId).catch(() => undefined);
      return finish(context, job, { kind: 'failed', reason: describeMismatches([], created.unsupportedAttributes) });
    }
    const control = await store.beginUpload(printer.id, job.id, created.jobId);
    if (!control.isOurs) {
      await port.cancelJob(created.jobId).catch(() => undefined);
      return null;
    }
    const uploading = { ...job, ippJobId: created.jobId, documentSentAt: new Date().toISOString() };
    try {
      await port.sendDocument({ jobId: created.jobId, documentFormat: job.outputFormat, data });
    } catch (error) {
      return afterUploadError(context, uploading, error);
    }
    return startFollowing(context, uploading, created.jobId);
  }
  const control = await store.beginUpload(printer.id, job.id, null);
  if (!control.isOurs) return null;
  const uploading = { ...job, documentSentAt: new Date().toISOString() };
  let submitted;
  try {
    submitted = await port.printJob({ jobName: job.ippJobName, template: job.template, documentFormat: job.outputFormat, data });
  } catch (error) {
    return afterUploadError(context, uploading, error);
  }
  if (submitted.unsupportedAttributes.length) {
    await port.cancelJob(submitted.jobId).catch(() => undefined);
    return finish(context, uploading, { kind: 'failed', reason: describeMismatches([], submitted.unsupportedAttributes) });
  }
  return startFollowing(context, uploading, submitted.jobId);
}

/** The printer refused the job, or could not be reached, before any of the document reached it. */
function refused(context: TContext, job: TDispatchJob, error: unknown): Promise<null> {
  if (isIppError(error) && error.ippStatus === 'server-error-busy') return finish(context, job, { kind: 'requeue', reason: 'The printer is busy with another job.', delayMs: BUSY_REQUEUE_MS });
  if (!isIppError(error) || error.isRetryable) return finish(context, job, { kind: 'retry', reason: isIppError(error) ? error.message : 'The printer could not be reached.', isPrinterFault: true });
  return finish(context, job, { kind: 'failed', reason: error.message });
}

/**
 * The upload failed. If the printer answered with an error (or was never reached), it did not
 * take the document and nothing prints: the job goes back in line as any refusal. If the answer
 * was lost (timeout, connection reset), the printer may have it: ask before anything else.
 */
async function afterUploadError(context: TContext, job: TDispatchJob, error: unknown): Promise<TFollowed | null> {
  if (isIppError(error) && !error.mayHaveBeenReceived) {
    if (job.ippJobId !== null) await context.port.cancelJob(job.ippJobId).catch(() => undefined);
    return refused(context, job, error);
  }
  return settleUpload(context, job);
}

type TLookup = { kind: 'found'; job: TIppJob | TJobDetails } | { kind: 'absent' } | { kind: 'silent'; error: unknown };

/**
 * Asks the printer for a job: by its id when known (checking the job-name, since printers reuse
 * ids after a restart), then by job-name in the list of all its jobs, finished ones included,
 * because some printers forget a finished job's attributes while its name stays in their history.
 */
async function lookUp(context: TContext, job: Pick<TDispatchJob, 'ippJobId' | 'ippJobName'>): Promise<TLookup> {
  try {
    if (job.ippJobId !== null) {
      try {
        const details = await context.port.getJob(job.ippJobId);
        if (!details.jobName || details.jobName === job.ippJobName) return { kind: 'found', job: details };
      } catch (error) {
        if (!isIppError(error) || error.ippStatus !== 'client-error-not-found') throw error;
      }
    }
    const listed = (await context.port.listJobs()).find((candidate) => candidate.jobName === job.ippJobName);
    return listed ? { kind: 'found', job: listed } : { kind: 'absent' };
  } catch (error) {
    return { kind: 'silent', error };
  }
}

/**
 * An upload whose outcome is in doubt: the job stays `sending` and the printer is asked until
 * it answers. Found → followed. Aborted or canceled there before printing anything → sent
 * again (it never printed). Unknown to a printer that answers → the shop checks. Silent for
 * longer than `unreachableGiveUpMs` → the shop checks. Never a blind resend.
 */
async function settleUpload(context: TContext, job: TDispatchJob): Promise<TFollowed | null> {
  const since = Date.now();
  let lastReportAt = Date.now();
  while (!context.signal.aborted) {
    const answer = await lookUp(context, job);
    if (answer.kind === 'found') {
      const isDroppedUnprinted = (answer.job.state === 'aborted' || answer.job.state === 'canceled') && (answer.job.impressionsCompleted ?? 0) === 0;
      if (isDroppedUnprinted) return finish(context, job, { kind: 'retry', reason: 'The printer dropped the job before printing any of it.', isPrinterFault: true });
      return startFollowing(context, job, answer.job.jobId);
    }
    if (answer.kind === 'absent') {
      return finish(context, job, {
        kind: 'outcome_unknown',
        reason: 'The printer was sent this job but has no record of it now, so Nearprint cannot tell whether it printed. Check the printer’s tray.',
      });
    }
    if (Date.now() - since >= context.settings.unreachableGiveUpMs) {
      return finish(context, job, { kind: 'outcome_unknown', reason: 'The printer stopped answering while it was being sent this job. Check whether it printed.' });
    }
    if (Date.now() - lastReportAt >= UNREACHABLE_REPORT_MS) {
      lastReportAt = Date.now();
      const control = await context.store.reportProgress(context.printer.id, job.id, { impressionsCompleted: job.impressionsCompleted, stateReasons: [], isProgressEvent: false });
      if (!control.isOurs) return null;
    }
    await sleep(UNREACHABLE_POLL_MS, context.signal);
  }
  return null;
}

/** The printer has the job: `sending → printing` (the order starts printing), then check it kept the options. */
async function startFollowing(context: TContext, job: TDispatchJob, ippJobId: number): Promise<TFollowed | null> {
  const control = await context.store.markPrinting(context.printer.id, job.id, ippJobId);
  if (!control.isOurs) return null;
  const followed = follow({ ...job, state: 'printing', ippJobId }, control.isCancelRequested);
  try {
    const details = await context.port.getJob(ippJobId);
    if (await stopIfOptionsDropped(context, followed, details)) return null;
    followed.isVerified = true;
  } catch {
    // Checked again when the job completes.
  }
  return followed;
}

function follow(job: TFollowed['job'], isCancelRequested: boolean): TFollowed {
  return {
    job,
    isVerified: false,
    isCancelSent: false,
    isCancelRequested,
    lastWriteAt: Date.now(),
    lastEventAt: 0,
    lastReported: '',
    printerReasons: [],
    printerReasonsAt: 0,
    unreachableSince: null,
  };
}

/** A printer that dropped an option prints the job wrong: stop it and fail it (refunded). */
async function stopIfOptionsDropped(context: TContext, followed: TFollowed, details: TJobDetails): Promise<boolean> {
  const mismatches = compareRequestedOptions(followed.job.template, details.reported);
  if (!mismatches.length) return false;
  await context.port.cancelJob(followed.job.ippJobId).catch(() => undefined);
  await finish(context, followed.job, { kind: 'failed', reason: describeMismatches(mismatches) });
  return true;
}

/** One look at the printing job. */
async function watch(context: TContext, followed: TFollowed): Promise<TStep> {
  const { job } = followed;
  let seen: TIppJob | TJobDetails;
  try {
    const details = await context.port.getJob(job.ippJobId);
    if (details.jobName && details.jobName !== job.ippJobName) throw new ReusedJobIdError();
    seen = details;
  } catch (error) {
    if (!(error instanceof ReusedJobIdError) && !(isIppError(error) && error.ippStatus === 'client-error-not-found')) return whileSilent(context, followed);
    // Not under its id any more: look for it by name before concluding anything.
    const answer = await lookUp(context, { ippJobId: null, ippJobName: job.ippJobName });
    if (answer.kind === 'silent') return whileSilent(context, followed);
    if (answer.kind === 'absent') {
      await finish(context, job, {
        kind: 'outcome_unknown',
        reason: 'The printer no longer knows this job, so Nearprint cannot tell whether it finished. Check the printer’s tray, then confirm it or print it again.',
      });
      return { followed: null, waitMs: 0 };
    }
    seen = answer.job;
    if (seen.jobId !== job.ippJobId) {
      const control = await context.store.markPrinting(context.printer.id, job.id, seen.jobId);
      if (!control.isOurs) return { followed: null, waitMs: 0 };
      followed.job = { ...job, ippJobId: seen.jobId };
    }
  }
  followed.unreachableSince = null;
  const completed = Math.max(seen.impressionsCompleted ?? 0, 0);

  if (seen.state === 'completed') {
    if (!followed.isVerified && 'reported' in seen && (await stopIfOptionsDropped(context, followed, seen))) return { followed: null, waitMs: 0 };
    await finish(context, followed.job, { kind: 'printed', impressionsCompleted: completed });
    return { followed: null, waitMs: 0 };
  }
  if (seen.state === 'canceled') {
    await finish(context, followed.job, followed.isCancelSent ? { kind: 'canceled' } : { kind: 'failed', reason: 'The job was canceled at the printer.' });
    return { followed: null, waitMs: 0 };
  }
  if (seen.state === 'aborted') {
    await finish(context, followed.job, { kind: 'retry', reason: `The printer aborted the job${seen.stateMessage ? `: ${seen.stateMessage}` : ''}.`, isPrinterFault: true });
    return { followed: null, waitMs: 0 };
  }
  if (!(await reportProgress(context, followed, seen, completed))) return { followed: null, waitMs: 0 };
  if (followed.isCancelRequested && !followed.isCancelSent) {
    followed.isCancelSent = true;
    await context.port.cancelJob(followed.job.ippJobId).catch(() => undefined);
  }
  if (seen.state !== 'processing') return { followed, waitMs: NOT_PROCESSING_POLL_MS };
  const remainingMs = Math.max(0, job.expectedImpressions - completed) * msPerImpression(context.printer, job.isColor);
  return { followed, waitMs: Math.min(MAX_PROGRESS_POLL_MS, Math.max(MIN_PROGRESS_POLL_MS, remainingMs / 2)) };
}

class ReusedJobIdError extends Error {}

/** Writes progress and problems when they changed (throttled), and a heartbeat; false when the job is no longer ours. */
async function reportProgress(context: TContext, followed: TFollowed, seen: TIppJob, completed: number): Promise<boolean> {
  if (Date.now() - followed.printerReasonsAt > PRINTER_REASONS_REFRESH_MS) {
    followed.printerReasonsAt = Date.now();
    followed.printerReasons = await context.port.printerStateReasons().catch(() => followed.printerReasons);
  }
  const reasons = jobProblemReasons(seen.stateReasons, followed.printerReasons);
  const reasonsKey = reasons.join(',');
  const isProgress = completed !== followed.job.impressionsCompleted;
  const isDue =
    reasonsKey !== followed.lastReported || (isProgress && Date.now() - followed.lastEventAt >= context.settings.progressEventMs) || Date.now() - followed.lastWriteAt >= context.settings.heartbeatMs;
  if (!isDue) return true;
  const control = await context.store.reportProgress(context.printer.id, followed.job.id, { impressionsCompleted: completed, stateReasons: reasons, isProgressEvent: isProgress });
  followed.lastReported = reasonsKey;
  followed.lastWriteAt = Date.now();
  if (isProgress) {
    followed.lastEventAt = Date.now();
    followed.job = { ...followed.job, impressionsCompleted: completed };
  }
  followed.isCancelRequested = control.isCancelRequested;
  return control.isOurs;
}

/**
 * The printer does not answer about a job it has. Keep asking and keep the row fresh; after
 * `unreachableGiveUpMs` the shop is asked to check (the printer may have finished it, so it is
 * never sent again on its own).
 */
async function whileSilent(context: TContext, followed: TFollowed): Promise<TStep> {
  followed.unreachableSince ??= Date.now();
  if (Date.now() - followed.unreachableSince >= context.settings.unreachableGiveUpMs) {
    await finish(context, followed.job, { kind: 'outcome_unknown', reason: 'The printer stopped answering while printing this job. Check whether it printed, then confirm it or print it again.' });
    return { followed: null, waitMs: 0 };
  }
  if (Date.now() - followed.lastWriteAt >= UNREACHABLE_REPORT_MS) {
    followed.lastWriteAt = Date.now();
    const control = await context.store.reportProgress(context.printer.id, followed.job.id, { impressionsCompleted: followed.job.impressionsCompleted, stateReasons: [], isProgressEvent: false });
    if (!control.isOurs) return { followed: null, waitMs: 0 };
  }
  return { followed, waitMs: UNREACHABLE_POLL_MS };
}

async function finish(context: TContext, job: TDispatchJob, outcome: TDispatchOutcome): Promise<null> {
  await context.store.finish(context.printer.id, job.id, outcome);
  return null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
