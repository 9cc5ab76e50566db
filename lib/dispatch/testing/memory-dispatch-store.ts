import { Readable } from 'node:stream';
import type { TPrintJobState } from '@/db/schema';
import { canTransition } from '@/lib/print-jobs/job-states';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TDispatchJob, TDispatchOutcome, TDispatchStore, TJobControl } from '../dispatch-types';

export type TMemoryJob = {
  id: string;
  ippJobName: string;
  state: TPrintJobState;
  printerId: string;
  ippJobId: number | null;
  documentSentAt: string | null;
  isOutcomeUnknown: boolean;
  isCancelRequested: boolean;
  attempts: number;
  impressionsCompleted: number;
  output: Buffer;
  template: TJobTemplate;
  /** Every state it went through, and the outcomes reported, for assertions. */
  history: string[];
};

/** Thrown by a store hook to play a dispatcher that dies at that exact step. */
export class SimulatedCrash extends Error {}

type THook = 'startSending' | 'beginUpload' | 'markPrinting' | 'finish';

/**
 * The dispatcher's store in memory, with the database store's rules: every state change is
 * checked against the state machine (as the gate does), and a job is put back in line only if
 * nothing of it was uploaded; otherwise the outcome becomes a question for the shop.
 * `crashAfter(hook)` makes the next call of that operation write its change and then throw, as
 * a worker killed right after a commit.
 */
export function createMemoryDispatchStore(printerId: string, jobs: TMemoryJob[], options: { maxAttempts?: number } = {}) {
  const maxAttempts = options.maxAttempts ?? 5;
  const crashes = new Set<THook>();
  let isLeaseHeld = true;

  const find = (jobId: string) => {
    const job = jobs.find((j) => j.id === jobId && j.printerId === printerId);
    if (!job) throw new Error(`No job ${jobId} on printer ${printerId}`);
    return job;
  };
  const move = (job: TMemoryJob, to: TPrintJobState) => {
    if (!canTransition(job.state, to, 'dispatcher')) throw new Error(`Illegal transition ${job.state} → ${to}`);
    job.state = to;
    job.history.push(to);
  };
  const afterWrite = (hook: THook) => {
    if (crashes.delete(hook)) throw new SimulatedCrash(`crash after ${hook}`);
  };
  const control = (job: TMemoryJob): TJobControl => ({
    isOurs: isLeaseHeld && (job.state === 'sending' || job.state === 'printing') && !job.isOutcomeUnknown,
    isCancelRequested: job.isCancelRequested,
    isPrinterOnline: true,
  });
  const toDispatchJob = (job: TMemoryJob): TDispatchJob => ({
    id: job.id,
    orderId: job.id,
    ippJobName: job.ippJobName,
    state: job.state as TDispatchJob['state'],
    ippJobId: job.ippJobId,
    outputFormat: 'application/pdf',
    expectedImpressions: job.output.length,
    impressionsCompleted: job.impressionsCompleted,
    template: job.template,
    documentSentAt: job.documentSentAt,
    isColor: false,
    isCancelRequested: job.isCancelRequested,
  });
  const outcomeUnknown = (job: TMemoryJob) => {
    if (job.state === 'sending') move(job, 'printing');
    job.isOutcomeUnknown = true;
    job.history.push('outcome_unknown');
  };
  const backInLine = (job: TMemoryJob) => {
    move(job, 'queued');
    job.ippJobId = null;
    job.documentSentAt = null;
    job.impressionsCompleted = 0;
  };

  const store: TDispatchStore = {
    async renewLease() {
      return isLeaseHeld;
    },
    async releaseLease() {},
    async currentJob() {
      const job = jobs.find((j) => j.printerId === printerId && (j.state === 'sending' || j.state === 'printing') && !j.isOutcomeUnknown);
      return job ? toDispatchJob(job) : null;
    },
    async nextJob() {
      const job = jobs.find((j) => j.printerId === printerId && j.state === 'queued');
      return job ? toDispatchJob(job) : null;
    },
    async readOutput(_printerId, jobId) {
      // A fresh stream each time, as the document store gives: resends must not reuse a read one.
      return Readable.from([find(jobId).output]);
    },
    async startSending(_printerId, jobId) {
      const job = find(jobId);
      if (job.state !== 'queued' || !isLeaseHeld) return false;
      move(job, 'sending');
      job.ippJobId = null;
      job.documentSentAt = null;
      afterWrite('startSending');
      return true;
    },
    async beginUpload(_printerId, jobId, ippJobId) {
      const job = find(jobId);
      if (job.state === 'sending' && isLeaseHeld && !job.isOutcomeUnknown) {
        job.documentSentAt = new Date().toISOString();
        job.ippJobId = ippJobId;
        afterWrite('beginUpload');
      }
      return control(job);
    },
    async markPrinting(_printerId, jobId, ippJobId) {
      const job = find(jobId);
      if (job.state === 'sending') move(job, 'printing');
      if (job.state === 'printing') job.ippJobId = ippJobId;
      afterWrite('markPrinting');
      return control(job);
    },
    async reportProgress(_printerId, jobId, progress) {
      const job = find(jobId);
      if (control(job).isOurs) job.impressionsCompleted = progress.impressionsCompleted;
      return control(job);
    },
    async finish(_printerId, jobId, outcome: TDispatchOutcome) {
      const job = find(jobId);
      if (!['queued', 'sending', 'printing'].includes(job.state) || job.isOutcomeUnknown) return;
      job.history.push(`finish:${outcome.kind}`);
      const isUnsent = job.state !== 'printing' && !job.documentSentAt;
      switch (outcome.kind) {
        case 'printed':
          move(job, 'printed');
          job.impressionsCompleted = outcome.impressionsCompleted;
          break;
        case 'requeue':
        case 'move':
          if (isUnsent) backInLine(job);
          else outcomeUnknown(job);
          break;
        case 'retry':
          job.attempts += 1;
          if (job.attempts >= maxAttempts) move(job, 'failed');
          else backInLine(job);
          break;
        case 'failed':
        case 'canceled':
          move(job, outcome.kind);
          break;
        case 'outcome_unknown':
          outcomeUnknown(job);
          break;
      }
      afterWrite('finish');
    },
  };

  return {
    store,
    crashAfter: (hook: THook) => crashes.add(hook),
    loseLease: () => {
      isLeaseHeld = false;
    },
  };
}

export function memoryJob(id: string, printerId: string, overrides: Partial<TMemoryJob> = {}): TMemoryJob {
  return {
    id,
    ippJobName: `nearprint-${id}`,
    state: 'queued',
    printerId,
    ippJobId: null,
    documentSentAt: null,
    isOutcomeUnknown: false,
    isCancelRequested: false,
    attempts: 0,
    impressionsCompleted: 0,
    output: Buffer.from('abc'),
    template: { media: 'iso_a4_210x297mm', sides: 'one-sided' },
    history: [],
    ...overrides,
  };
}
