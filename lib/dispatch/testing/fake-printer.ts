import type { Readable } from 'node:stream';
import type { TJobDetails } from '@/lib/ipp/get-job-attributes';
import { IppError } from '@/lib/ipp/ipp-error';
import type { TIppJob, TJobState } from '@/lib/ipp/ipp-job';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TSubmittedJob } from '@/lib/ipp/submitted-job';
import type { TPrinterPort } from '../printer-port';

type TFakeJob = {
  id: number;
  name: string;
  state: TJobState;
  template: TJobTemplate;
  hasDocument: boolean;
  impressions: number;
  impressionsCompleted: number;
  /** Polls left before an empty job (Create-Job, no document) is aborted, as printers do after their multiple-operation-time-out. */
  emptyPollsLeft: number;
};

export type TFakePrinterFaults = {
  /** Answer Create-Job with server-error-operation-not-supported (an old printer). */
  hasNoCreateJob?: boolean;
  /** The next Create-Job (or Print-Job) answers server-error-busy. */
  busyNext?: number;
  /** The next Create-Job creates the job, then the answer is lost (timeout). */
  loseCreateJobAnswer?: number;
  /** The next upload (Send-Document / Print-Job) is received in full, then the answer is lost. */
  loseUploadAnswer?: number;
  /** The next upload breaks off halfway: the printer aborts the job, the client sees a reset. */
  resetUpload?: number;
  /** The next upload is refused with an IPP error status (nothing accepted). */
  refuseUpload?: number;
  /** Finished jobs vanish: from Get-Job-Attributes only (their names stay in Get-Jobs), or from everything. */
  forgetFinished?: 'attributes' | 'everything';
  /** Every request times out (the printer hangs or was unplugged). */
  isSilent?: boolean;
  /** The printer records this instead of the requested sides (it "drops" an option). */
  recordsSides?: string;
};

function timeout(): IppError {
  return new IppError('timeout', 'The printer did not answer within 0.1 s.');
}

function reset(): IppError {
  return new IppError('unreachable', 'The printer closed the connection.', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
}

function status(ippStatus: string): IppError {
  return new IppError('ipp_error', `The printer answered ${ippStatus}.`, { ippStatus });
}

/**
 * An IPP printer in memory for the dispatcher's unit tests: one job at a time, progress moves
 * one impression per status request (deterministic, no clock), and each network fault the
 * dispatcher must survive can be switched on for the next request. `printedCount(name)` tells
 * how many times a job came out of it: the exactly-once tests assert it is never above one.
 */
export function createFakePrinter(faults: TFakePrinterFaults = {}) {
  const jobs = new Map<number, TFakeJob>();
  const printed = new Map<string, number>();
  const calls: string[] = [];
  let nextId = 1;

  const take = (key: keyof TFakePrinterFaults): boolean => {
    const left = faults[key];
    if (typeof left !== 'number' || left <= 0) return false;
    faults[key] = (left - 1) as never;
    return true;
  };
  const guard = (operation: string) => {
    calls.push(operation);
    if (faults.isSilent) throw timeout();
  };
  const isVisible = (job: TFakeJob, via: 'attributes' | 'list') => {
    const isFinished = job.state === 'completed' || job.state === 'aborted' || job.state === 'canceled';
    if (!isFinished || !faults.forgetFinished) return true;
    return faults.forgetFinished === 'attributes' && via === 'list';
  };
  const toIpp = (job: TFakeJob): TIppJob => ({
    jobId: job.id,
    jobUri: null,
    jobName: job.name,
    state: job.state,
    stateReasons: [],
    stateMessage: null,
    impressions: job.impressions,
    impressionsCompleted: job.impressionsCompleted,
    mediaSheetsCompleted: null,
    pagesCompleted: null,
    originatingUserName: 'nearprint',
  });
  const submitted = (job: TFakeJob): TSubmittedJob => ({ ...toIpp(job), unsupportedAttributes: [] });
  const busyWithOther = () => [...jobs.values()].some((job) => job.state === 'processing' || (job.state === 'pending' && job.hasDocument));
  const newJob = (name: string, template: TJobTemplate): TFakeJob => {
    const job: TFakeJob = { id: nextId++, name, state: 'pending-held', template, hasDocument: false, impressions: 0, impressionsCompleted: 0, emptyPollsLeft: 20 };
    jobs.set(job.id, job);
    return job;
  };
  const receive = (job: TFakeJob, byteCount: number) => {
    job.hasDocument = true;
    job.impressions = Math.max(1, byteCount);
    job.state = 'processing';
  };
  const upload = async (job: TFakeJob, data: Buffer | Readable) => {
    if (take('refuseUpload')) {
      job.state = 'aborted';
      throw status('client-error-document-format-error');
    }
    if (take('resetUpload')) {
      job.state = 'aborted';
      throw reset();
    }
    receive(job, await byteCountOf(data));
    if (take('loseUploadAnswer')) throw timeout();
  };
  /** One status request's worth of printing. */
  const advance = (job: TFakeJob) => {
    if (job.state === 'pending-held' && !job.hasDocument && --job.emptyPollsLeft <= 0) job.state = 'aborted';
    if (job.state !== 'processing') return;
    job.impressionsCompleted += 1;
    if (job.impressionsCompleted >= job.impressions) {
      job.state = 'completed';
      printed.set(job.name, (printed.get(job.name) ?? 0) + 1);
    }
  };

  const port: TPrinterPort = {
    async createJob({ jobName, template }) {
      guard('Create-Job');
      if (faults.hasNoCreateJob) throw status('server-error-operation-not-supported');
      if (take('busyNext') || busyWithOther()) throw status('server-error-busy');
      const job = newJob(jobName, template);
      if (take('loseCreateJobAnswer')) throw timeout();
      return submitted(job);
    },
    async sendDocument({ jobId, data }) {
      guard('Send-Document');
      const job = jobs.get(jobId);
      if (!job || job.state !== 'pending-held') throw status('client-error-not-possible');
      await upload(job, data);
      return submitted(job);
    },
    async printJob({ jobName, template, data }) {
      guard('Print-Job');
      if (take('busyNext') || busyWithOther()) throw status('server-error-busy');
      const job = newJob(jobName, template);
      await upload(job, data);
      return submitted(job);
    },
    async getJob(jobId): Promise<TJobDetails> {
      guard('Get-Job-Attributes');
      const job = jobs.get(jobId);
      if (job) advance(job);
      if (!job || !isVisible(job, 'attributes')) throw status('client-error-not-found');
      const sides = faults.recordsSides ?? job.template.sides;
      const { template } = job;
      return {
        ...toIpp(job),
        reported: {
          media: template.media ?? null,
          sides: sides ?? null,
          printColorMode: template.printColorMode ?? null,
          copies: template.copies ?? null,
          finishings: template.finishings ?? null,
          pageRanges: null,
        },
      };
    },
    async listJobs() {
      guard('Get-Jobs');
      for (const job of jobs.values()) advance(job);
      return [...jobs.values()]
        .filter((job) => isVisible(job, 'list'))
        .sort((a, b) => b.id - a.id)
        .map(toIpp);
    },
    async cancelJob(jobId) {
      guard('Cancel-Job');
      const job = jobs.get(jobId);
      if (!job || job.state === 'completed' || job.state === 'aborted' || job.state === 'canceled') throw status('client-error-not-possible');
      job.state = 'canceled';
    },
    async printerStateReasons() {
      guard('Get-Printer-Attributes');
      return [];
    },
  };

  return {
    port,
    faults,
    calls,
    printedCount: (name: string) => printed.get(name) ?? 0,
    jobsNamed: (name: string) => [...jobs.values()].filter((job) => job.name === name),
  };
}

export type TFakePrinter = ReturnType<typeof createFakePrinter>;

/** A document's size; a stream is read to its end as a printer would, without being kept. */
async function byteCountOf(data: Buffer | Readable): Promise<number> {
  if (Buffer.isBuffer(data)) return data.length;
  let count = 0;
  for await (const chunk of data) count += (chunk as Buffer).length;
  return count;
}
