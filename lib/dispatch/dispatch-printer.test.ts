import { describe, expect, it } from 'vitest';
import type { TDispatchSettings } from '@/lib/config/print-settings';
import { dispatchPrinter } from './dispatch-printer';
import type { TDispatchPrinter } from './dispatch-types';
import { createFakePrinter, type TFakePrinterFaults } from './testing/fake-printer';
import { createMemoryDispatchStore, memoryJob, SimulatedCrash, type TMemoryJob } from './testing/memory-dispatch-store';

const PRINTER: TDispatchPrinter = { id: '00000000-0000-4000-8000-000000000001', name: 'Fake', uri: 'ipp://fake/ipp/print', pagesPerMinute: 6000, pagesPerMinuteColor: null };

const SETTINGS: TDispatchSettings = {
  leaseRenewMs: 50,
  idleReleaseMs: 30,
  progressEventMs: 0,
  heartbeatMs: 50,
  requestTimeoutMs: 100,
  documentTimeoutMs: 100,
  unreachableGiveUpMs: 1_200,
};

const isSettled = (job: TMemoryJob) => ['printed', 'failed', 'canceled'].includes(job.state) || job.isOutcomeUnknown;

/**
 * Runs dispatchers for the printer until every job settled, as the worker's claim loop does: a
 * dispatcher that ran out of work, or died (SimulatedCrash), is followed by a fresh one that
 * knows only what the store knows.
 */
async function dispatchUntilSettled(
  jobs: TMemoryJob[],
  faults: TFakePrinterFaults = {},
  prepare?: (store: ReturnType<typeof createMemoryDispatchStore>, printer: ReturnType<typeof createFakePrinter>) => void,
) {
  const printer = createFakePrinter(faults);
  const memory = createMemoryDispatchStore(PRINTER.id, jobs);
  prepare?.(memory, printer);
  let crashes = 0;
  for (let round = 0; round < 50 && !jobs.every(isSettled); round++) {
    try {
      await dispatchPrinter(PRINTER, memory.store, new AbortController().signal, SETTINGS, printer.port);
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) throw error;
      crashes += 1;
    }
  }
  return { printer, crashes };
}

const job = (n: number, overrides: Partial<TMemoryJob> = {}) => memoryJob(`job-${n}`, PRINTER.id, overrides);

describe('dispatchPrinter: each job printed exactly once, whatever the network does', () => {
  it('prints jobs back to back with Create-Job, recording the printer job id before the document goes out', async () => {
    const jobs = [job(1), job(2), job(3)];
    const { printer } = await dispatchUntilSettled(jobs);
    for (const j of jobs) {
      expect(j.state).toBe('printed');
      expect(printer.printedCount(j.ippJobName)).toBe(1);
    }
    expect(printer.calls.filter((c) => c === 'Create-Job')).toHaveLength(3);
    expect(printer.calls).not.toContain('Print-Job');
  });

  it('falls back to Print-Job on a printer without Create-Job', async () => {
    const jobs = [job(1), job(2)];
    const { printer } = await dispatchUntilSettled(jobs, { hasNoCreateJob: true });
    expect(jobs.map((j) => j.state)).toEqual(['printed', 'printed']);
    expect(printer.calls.filter((c) => c === 'Print-Job')).toHaveLength(2);
  });

  it('puts a job back in line when the printer is busy, and sends it once it is free', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { busyNext: 2 });
    expect(jobs[0].state).toBe('printed');
    expect(jobs[0].attempts).toBe(0);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('a lost Create-Job answer leaves only an empty job on the printer: it is sent again and prints once', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { loseCreateJobAnswer: 1 });
    expect(jobs[0].state).toBe('printed');
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
    // The first, empty job never printed; the printer aborts it after its multiple-operation-time-out.
    expect(printer.jobsNamed(jobs[0].ippJobName).map((j) => [j.state, j.hasDocument])).toEqual([
      ['pending-held', false],
      ['completed', true],
    ]);
  });

  it('a lost Send-Document answer (the printer got it) is looked up, followed and never resent', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { loseUploadAnswer: 1 });
    expect(jobs[0].state).toBe('printed');
    expect(printer.calls.filter((c) => c === 'Send-Document')).toHaveLength(1);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('a lost Print-Job answer is found by job-name and never resent', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { hasNoCreateJob: true, loseUploadAnswer: 1 });
    expect(jobs[0].state).toBe('printed');
    expect(printer.calls.filter((c) => c === 'Print-Job')).toHaveLength(1);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('an upload cut off halfway (the printer aborted it, nothing printed) is sent again, once', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { resetUpload: 1 });
    expect(jobs[0].state).toBe('printed');
    expect(jobs[0].attempts).toBe(1);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('an upload the printer refuses for good (it cannot read the document) fails the job; nothing printed', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { refuseUpload: 1 });
    expect(jobs[0].state).toBe('failed');
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(0);
  });

  it('a printer that forgets finished jobs at once but keeps their names in its history: printed, not lost', async () => {
    const jobs = [job(1), job(2)];
    const { printer } = await dispatchUntilSettled(jobs, { forgetFinished: 'attributes' });
    for (const j of jobs) {
      expect(j.state).toBe('printed');
      expect(j.history).not.toContain('finish:retry');
      expect(printer.printedCount(j.ippJobName)).toBe(1);
    }
  });

  it('a printer that forgets finished jobs entirely: the shop is asked, the job is never resent', async () => {
    const jobs = [job(1)];
    const { printer } = await dispatchUntilSettled(jobs, { forgetFinished: 'everything' });
    expect(jobs[0]).toMatchObject({ state: 'printing', isOutcomeUnknown: true });
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
    expect(printer.calls.filter((c) => c === 'Send-Document')).toHaveLength(1);
  });

  it('a printer that stops answering while printing: kept waiting, then the shop is asked; never resent', async () => {
    const jobs = [job(1, { output: Buffer.alloc(50) })];
    const { printer } = await dispatchUntilSettled(jobs, {}, (_memory, fake) => {
      const original = fake.port.getJob;
      fake.port.getJob = async (id) => {
        const details = await original(id);
        if (details.impressionsCompleted && details.impressionsCompleted >= 2) fake.faults.isSilent = true;
        return details;
      };
    });
    expect(jobs[0]).toMatchObject({ state: 'printing', isOutcomeUnknown: true });
    expect(printer.calls.filter((c) => c === 'Send-Document')).toHaveLength(1);
  });

  it('a dispatcher killed right after recording the upload, before sending the document: the empty job is aborted by the printer and the job is sent again, once', async () => {
    const jobs = [job(1)];
    const { printer, crashes } = await dispatchUntilSettled(jobs, {}, (memory) => memory.crashAfter('beginUpload'));
    expect(crashes).toBe(1);
    expect(jobs[0].state).toBe('printed');
    expect(printer.calls.filter((c) => c === 'Send-Document')).toHaveLength(1);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('a dispatcher killed after the upload, before recording `printing`: its successor finds the job on the printer and follows it', async () => {
    const jobs = [job(1)];
    const { printer, crashes } = await dispatchUntilSettled(jobs, {}, (memory) => memory.crashAfter('markPrinting'));
    expect(crashes).toBe(1);
    expect(jobs[0].state).toBe('printed');
    expect(printer.calls.filter((c) => c === 'Send-Document')).toHaveLength(1);
    expect(printer.printedCount(jobs[0].ippJobName)).toBe(1);
  });

  it('a dispatcher killed after marking the job sending, before any upload: the job is simply sent', async () => {
    const jobs = [job(1)];
    const { printer, crashes } = await dispatchUntilSettled(jobs, {}, (memory) => memory.crashAfter('startSending'));
    expect(crashes).toBe(1);
    expect(jobs[0].state).toBe('printed');
    expect(printer.calls.filter((c) => c === 'Create-Job')).toHaveLength(1);
  });

  it('sends Cancel-Job for a job the shop canceled while it printed', async () => {
    const jobs = [job(1, { output: Buffer.alloc(40) })];
    await dispatchUntilSettled(jobs, {}, (_memory, fake) => {
      const original = fake.port.getJob;
      fake.port.getJob = async (id) => {
        const details = await original(id);
        if (details.impressionsCompleted === 3) jobs[0].isCancelRequested = true;
        return details;
      };
    });
    expect(jobs[0].state).toBe('canceled');
  });

  it('stops and fails a job whose options the printer dropped', async () => {
    const jobs = [job(1, { template: { media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge' }, output: Buffer.alloc(20) })];
    await dispatchUntilSettled(jobs, { recordsSides: 'one-sided' });
    expect(jobs[0].state).toBe('failed');
  });
});
