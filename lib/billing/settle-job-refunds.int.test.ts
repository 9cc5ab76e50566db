import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { printJobs, refunds, type TPrintJob } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { endJob } from '@/lib/print-jobs/job-transitions';
import { createPaidOrder, createPrintShop, jobById } from '@/lib/print-jobs/testing/print-fixtures';
import { orderLedgerSummary } from './ledger';
import { settleJobRefunds } from './settle-job-refunds';
import { expectLedgerBalanced } from './testing/expect-ledger-balanced';

// No worker: the jobs stay where the test puts them.
const stack = registerLivePrintStack({ name: 'refunds', printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Refund printer', spoolDir })], startWorker: false });

afterEach(async () => {
  await fetch(`${stack.live.emulator.url}/_emulator/faults`, { method: 'DELETE' });
});

/** Paid orders whose jobs the printer gave up on: each owes the customer a full refund. */
async function failedJobsOwingRefunds(count: number): Promise<TPrintJob[]> {
  const { shop } = await createPrintShop({ printers: [{ name: 'P', uri: stack.printers[0].uri }] });
  const jobs: TPrintJob[] = [];
  for (let i = 0; i < count; i++) {
    const { job } = await createPaidOrder(stack.live, { shopId: shop.id, pages: 1 });
    await db.transaction((tx) => endJob(tx, job, { state: 'failed', reason: 'The printer refused it.', refund: 'print_failed', by: 'dispatcher', actor: 'worker' }));
    jobs.push(await jobById(job.id));
  }
  return jobs;
}

/** Time passing for the jobs' retry wait, without the test waiting for it. */
async function retryWaitPassesFor(jobs: TPrintJob[]): Promise<void> {
  await db
    .update(printJobs)
    .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
    .where(
      inArray(
        printJobs.id,
        jobs.map((job) => job.id),
      ),
    );
}

describe('settleJobRefunds', () => {
  it('leaves the refund owed while Stripe cannot be reached, and pays it exactly once when Stripe is back', async () => {
    const [job] = await failedJobsOwingRefunds(1);
    await stack.live.control('/_emulator/faults', { path: '/v1/refunds', when: 'before', action: 'reset' });

    expect(await settleJobRefunds({ jobId: job.id })).toBe(0);
    const owed = await jobById(job.id);
    expect(owed.refundSettledAt).toBeNull();
    expect(owed.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((await orderLedgerSummary(job.orderId)).refundedMinor).toBe(0);
    // Waiting: another round now does not try again.
    expect(await settleJobRefunds({ jobId: job.id })).toBe(0);
    expect(await db.select().from(refunds).where(eq(refunds.orderId, job.orderId))).toHaveLength(1);

    await fetch(`${stack.live.emulator.url}/_emulator/faults`, { method: 'DELETE' });
    await retryWaitPassesFor([job]);
    expect(await settleJobRefunds({ jobId: job.id })).toBe(1);
    expect((await jobById(job.id)).refundSettledAt).not.toBeNull();
    const summary = await orderLedgerSummary(job.orderId);
    expect(summary.refundedMinor).toBe(summary.paidMinor);
    expect(await settleJobRefunds({ jobId: job.id })).toBe(0);
    expect((await orderLedgerSummary(job.orderId)).refundedMinor).toBe(summary.paidMinor);
    await expectLedgerBalanced();
  });

  it('a refund that keeps failing waits longer each time and never holds up the refunds behind it', async () => {
    const [first, second, third] = await failedJobsOwingRefunds(3);
    await stack.live.control('/_emulator/faults', { path: '/v1/refunds', when: 'before', action: 'reset' });
    // A round takes the oldest two; both fail and step aside.
    await settleJobRefunds({ limit: 2 });
    await fetch(`${stack.live.emulator.url}/_emulator/faults`, { method: 'DELETE' });

    const next = await settleJobRefunds({ limit: 2 });
    expect(next).toBeGreaterThanOrEqual(1);
    expect((await jobById(third.id)).refundSettledAt).not.toBeNull();
    for (const job of [first, second]) expect((await jobById(job.id)).refundSettledAt).toBeNull();

    // A second failure doubles the wait.
    await stack.live.control('/_emulator/faults', { path: '/v1/refunds', when: 'before', action: 'reset' });
    await retryWaitPassesFor([first]);
    const before = Date.now();
    await settleJobRefunds({ jobId: first.id });
    expect((await jobById(first.id)).leaseExpiresAt!.getTime() - before).toBeGreaterThan(50_000);

    await fetch(`${stack.live.emulator.url}/_emulator/faults`, { method: 'DELETE' });
    await retryWaitPassesFor([first, second]);
    expect(await settleJobRefunds()).toBeGreaterThanOrEqual(2);
    for (const job of [first, second, third]) {
      const summary = await orderLedgerSummary(job.orderId);
      expect(summary.refundedMinor, job.id).toBe(summary.paidMinor);
    }
    await expectLedgerBalanced();
  });
});
