import { cancelJob } from '@/lib/ipp/cancel-job';
import { compareRequestedOptions, type TOptionMismatch } from '@/lib/ipp/compare-requested-options';
import { findJobByName } from '@/lib/ipp/find-job-by-name';
import { getJobAttributes, type TJobDetails } from '@/lib/ipp/get-job-attributes';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { isIppError } from '@/lib/ipp/ipp-error';
import { printJob } from '@/lib/ipp/print-job';
import { msPerImpression } from './choose-printer';
import { jobProblemReasons } from '@/lib/printers/job-reasons';
import type { TDispatchJob, TDispatchOutcome, TDispatchPrinter, TDispatchStore } from './dispatch-types';

export type TDispatchSettings = {
  /**
   * How long after finishing a job the printer still answers for it (ippeveprinter: 60 s). A
   * job Nearprint lost sight of for longer cannot be looked up, so whether it printed is unknown.
   */
  printerMemoryMs: number;
  leaseRenewMs: number;
  /** Give the printer back (release the lease) after it had nothing to send for this long. */
  idleReleaseMs: number;
  /** At most one job.progress event per job this often. */
  progressEventMs: number;
  /** How often the job's row is touched while nothing changes, so a successor knows when it was last seen. */
  heartbeatMs: number;
  ippTimeoutMs: number;
};

export const DEFAULT_DISPATCH_SETTINGS: TDispatchSettings = {
  printerMemoryMs: 45_000,
  leaseRenewMs: 2_000,
  idleReleaseMs: 1_500,
  progressEventMs: 1_000,
  heartbeatMs: 5_000,
  ippTimeoutMs: 5_000,
};

type TFollowed = {
  job: TDispatchJob;
  isVerified: boolean;
  isCancelSent: boolean;
  isCancelRequested: boolean;
  lastSeenAt: number;
  lastWriteAt: number;
  lastEventAt: number;
  lastReported: string;
  printerReasons: string[];
  printerReasonsAt: number;
  unreachableSince: number | null;
};

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

/**
 * Sends one printer its jobs and follows them, while this worker holds the printer's dispatch
 * lease. A printer takes one job at a time (a second Print-Job gets server-error-busy), so the
 * next converted job goes out the moment the printer reports the current one completed: its
 * output is ready and the printer is asked more often as the end nears (adaptive polling),
 * which keeps the printer busy back to back under a backlog.
 *
 * Exactly once: a job is marked `sending` (with the time) before the upload and `printing`
 * with the printer's job id after it. A successor that finds a job `sending` asks the printer
 * for it by job-name first (findJobByName) and only sends again when the printer has no such
 * job and would still remember it if it had received it; a job the printer forgot is never
 * resent blindly (outcome_unknown, the shop checks). A job followed by id is checked to still
 * carry its job-name, since printers reuse ids after a restart.
 */
export async function dispatchPrinter(printer: TDispatchPrinter, store: TDispatchStore, signal: AbortSignal, settings: TDispatchSettings = DEFAULT_DISPATCH_SETTINGS): Promise<void> {
  const ipp = { timeoutMs: settings.ippTimeoutMs };
  let idleSince: number | null = null;
  let followed: TFollowed | null = null;

  const follow = (job: TDispatchJob, isVerified: boolean): TFollowed => ({
    job,
    isVerified,
    isCancelSent: false,
    isCancelRequested: job.isCancelRequested,
    lastSeenAt: Date.now(),
    lastWriteAt: Date.now(),
    lastEventAt: 0,
    lastReported: '',
    printerReasons: [],
    printerReasonsAt: 0,
    unreachableSince: null,
  });

  const finish = async (job: TDispatchJob, outcome: TDispatchOutcome) => {
    await store.finish(printer.id, job.id, outcome);
    followed = null;
  };

  /** Sends a job; returns it followed once the printer has it, or null when it ended or went back in line. */
  async function send(job: TDispatchJob): Promise<TFollowed | null> {
    if (job.isCancelRequested) {
      await finish(job, { kind: 'canceled' });
      return null;
    }
    if (job.state === 'queued' && !(await store.startSending(printer.id, job.id))) return null;
    let data: Buffer;
    try {
      data = await store.readOutput(printer.id, job.id);
    } catch {
      await finish(job, { kind: 'move', reason: 'The converted file was not found; preparing it again.' });
      return null;
    }
    let submitted;
    try {
      submitted = await printJob({ uri: printer.uri, jobName: job.ippJobName, documentFormat: job.outputFormat, data, attributes: job.template });
    } catch (error) {
      if (isIppError(error) && error.ippStatus === 'server-error-busy') {
        await finish(job, { kind: 'requeue', reason: 'The printer is busy with another job.', delayMs: 250 });
      } else if (!isIppError(error) || error.isRetryable) {
        await finish(job, { kind: 'retry', reason: isIppError(error) ? error.message : 'The printer could not be reached.', isPrinterFault: true });
      } else {
        await finish(job, { kind: 'failed', reason: error.message });
      }
      return null;
    }
    const control = await store.markPrinting(printer.id, job.id, submitted.jobId);
    const printing: TDispatchJob = { ...job, state: 'printing', ippJobId: submitted.jobId };
    if (!control.isOurs) return null;
    if (submitted.unsupportedAttributes.length) {
      await cancelJob(printer.uri, submitted.jobId, ipp).catch(() => undefined);
      await finish(printing, { kind: 'failed', reason: describeMismatches([], submitted.unsupportedAttributes) });
      return null;
    }
    const watched = follow(printing, false);
    watched.isCancelRequested = control.isCancelRequested;
    try {
      const details = await getJobAttributes(printer.uri, submitted.jobId, ipp);
      if (await stopIfOptionsDropped(watched, details)) return null;
      watched.isVerified = true;
    } catch {
      // Checked again when the job completes.
    }
    return watched;
  }

  /** A printer that dropped an option prints the job wrong: stop it and fail it (refunded). */
  async function stopIfOptionsDropped(watched: TFollowed, details: TJobDetails): Promise<boolean> {
    const mismatches = compareRequestedOptions(watched.job.template, details.reported);
    if (!mismatches.length) return false;
    await cancelJob(printer.uri, watched.job.ippJobId!, ipp).catch(() => undefined);
    await finish(watched.job, { kind: 'failed', reason: describeMismatches(mismatches) });
    return true;
  }

  /** A successor's first look at a job a dead worker was sending. */
  async function recoverSending(job: TDispatchJob): Promise<TFollowed | null> {
    let found;
    try {
      found = await findJobByName(printer.uri, job.ippJobName, ipp);
    } catch (error) {
      if (isIppError(error) && error.isRetryable) {
        const control = await store.reportProgress(printer.id, job.id, { impressionsCompleted: job.impressionsCompleted, stateReasons: [], isProgressEvent: false });
        if (!control.isPrinterOnline) await finish(job, { kind: 'move', reason: 'The printer went offline before it received the job.' });
        return null;
      }
      throw error;
    }
    if (found) {
      const control = await store.markPrinting(printer.id, job.id, found.jobId);
      return control.isOurs ? follow({ ...job, state: 'printing', ippJobId: found.jobId }, false) : null;
    }
    const sentAt = job.dispatchedAt ? Date.parse(job.dispatchedAt) : 0;
    if (Date.now() - sentAt < settings.printerMemoryMs) return send(job);
    await finish(job, { kind: 'outcome_unknown', reason: 'Nearprint lost track of this job while sending it and the printer no longer knows it. Check whether it printed.' });
    return null;
  }

  /** One look at the printing job; returns how long to wait before the next. */
  async function watch(watched: TFollowed): Promise<number> {
    const { job } = watched;
    let details: TJobDetails | null = null;
    try {
      details = await getJobAttributes(printer.uri, job.ippJobId!, ipp);
      if (details.jobName && details.jobName !== job.ippJobName) details = null;
    } catch (error) {
      if (!isIppError(error) || error.isRetryable) return whileUnreachable(watched, error);
    }
    if (!details) {
      const found = await findJobByName(printer.uri, job.ippJobName, ipp).catch(() => null);
      if (found) {
        const control = await store.markPrinting(printer.id, job.id, found.jobId);
        if (!control.isOurs) followed = null;
        watched.job = { ...job, ippJobId: found.jobId };
        return 0;
      }
      if (Date.now() - watched.lastSeenAt > settings.printerMemoryMs) {
        await finish(job, {
          kind: 'outcome_unknown',
          reason: 'The printer no longer knows this job and Nearprint lost sight of it for too long to tell whether it printed. Check the printer’s tray.',
        });
      } else {
        await finish(job, { kind: 'retry', reason: 'The printer lost the job before finishing it (it may have restarted).', isPrinterFault: true });
      }
      return 0;
    }
    watched.lastSeenAt = Date.now();
    watched.unreachableSince = null;
    const completed = Math.max(details.impressionsCompleted ?? 0, 0);

    if (details.state === 'completed') {
      if (!watched.isVerified && (await stopIfOptionsDropped(watched, details))) return 0;
      await finish(job, { kind: 'printed', impressionsCompleted: completed });
      return 0;
    }
    if (details.state === 'canceled') {
      await finish(job, watched.isCancelSent ? { kind: 'canceled' } : { kind: 'failed', reason: 'The job was canceled at the printer.' });
      return 0;
    }
    if (details.state === 'aborted') {
      await finish(job, { kind: 'retry', reason: `The printer aborted the job${details.stateMessage ? `: ${details.stateMessage}` : ''}.`, isPrinterFault: true });
      return 0;
    }

    if (Date.now() - watched.printerReasonsAt > 2_000) {
      watched.printerReasonsAt = Date.now();
      watched.printerReasons = await getPrinterStatus(printer.uri, ipp).then(
        (status) => status.stateReasons,
        () => watched.printerReasons,
      );
    }
    const reasons = jobProblemReasons(details.stateReasons, watched.printerReasons);
    const reasonsKey = reasons.join(',');
    const isProgress = completed !== job.impressionsCompleted;
    const shouldWrite = reasonsKey !== watched.lastReported || (isProgress && Date.now() - watched.lastEventAt >= settings.progressEventMs) || Date.now() - watched.lastWriteAt >= settings.heartbeatMs;
    if (shouldWrite) {
      const control = await store.reportProgress(printer.id, job.id, { impressionsCompleted: completed, stateReasons: reasons, isProgressEvent: isProgress });
      watched.lastReported = reasonsKey;
      watched.lastWriteAt = Date.now();
      if (isProgress) {
        watched.lastEventAt = Date.now();
        watched.job = { ...job, impressionsCompleted: completed };
      }
      if (!control.isOurs) {
        followed = null;
        return 0;
      }
      watched.isCancelRequested = control.isCancelRequested;
    }
    if (watched.isCancelRequested && !watched.isCancelSent) {
      watched.isCancelSent = true;
      await cancelJob(printer.uri, job.ippJobId!, ipp).catch(() => undefined);
    }
    if (details.state !== 'processing') return 200;
    const remainingMs = Math.max(0, job.expectedImpressions - completed) * msPerImpression(printer, job.isColor);
    return Math.min(1_000, Math.max(50, remainingMs / 2));
  }

  async function whileUnreachable(watched: TFollowed, error: unknown): Promise<number> {
    watched.unreachableSince ??= Date.now();
    if (Date.now() - watched.lastWriteAt >= 2_000) {
      watched.lastWriteAt = Date.now();
      const control = await store.reportProgress(printer.id, watched.job.id, { impressionsCompleted: watched.job.impressionsCompleted, stateReasons: [], isProgressEvent: false });
      if (!control.isOurs) {
        followed = null;
        return 0;
      }
      if (!control.isPrinterOnline) {
        const message = isIppError(error) ? error.message : 'The printer stopped answering.';
        await finish(watched.job, { kind: 'move', reason: `The printer went offline before finishing the job (${message})` });
        return 0;
      }
    }
    return 500;
  }

  // The lease is renewed on its own clock, so a long upload (a big raster job) never lets it
  // run out while this dispatcher is alive; a renewal refused means another took over: stop.
  let isLeaseLost = false;
  const heartbeat = setInterval(() => {
    void store.renewLease(printer.id).then(
      (isHeld) => {
        if (!isHeld) isLeaseLost = true;
      },
      () => undefined,
    );
  }, settings.leaseRenewMs);
  try {
    const current = await store.currentJob(printer.id);
    if (current?.state === 'sending') followed = await recoverSending(current);
    else if (current) followed = { ...follow(current, false), lastSeenAt: Date.parse(current.lastSeenAt) };
    while (!signal.aborted && !isLeaseLost) {
      if (!followed) {
        const next = await store.nextJob(printer.id);
        if (!next) {
          idleSince ??= Date.now();
          if (Date.now() - idleSince >= settings.idleReleaseMs) break;
          await sleep(100, signal);
          continue;
        }
        idleSince = null;
        followed = next.state === 'sending' ? await recoverSending(next) : await send(next);
        continue;
      }
      const delay = await watch(followed);
      if (delay > 0) await sleep(delay, signal);
    }
  } finally {
    clearInterval(heartbeat);
    if (!isLeaseLost) await store.releaseLease(printer.id).catch(() => undefined);
  }
}
