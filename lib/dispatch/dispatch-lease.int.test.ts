import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { printers, printJobs } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { createPaidOrder, createPrintShop, jobById } from '@/lib/print-jobs/testing/print-fixtures';
import { claimPrintersForDispatch, dbDispatchStore } from './db-dispatch-store';

// No worker: the test plays two dispatchers by hand, step by step.
const stack = registerLivePrintStack({ name: 'lease', printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Lease printer', spoolDir })], startWorker: false });
const LEASE = { leaseMs: 30_000 };

/** A paid job converted for the shop's printer, waiting for its dispatcher. */
async function convertedJob() {
  const { shop, printers: added } = await createPrintShop({ printers: [{ name: 'P', uri: stack.printers[0].uri }] });
  const { job } = await createPaidOrder(stack.live, { shopId: shop.id, pages: 1 });
  const printerId = added[0].id;
  await db.update(printJobs).set({ printerId, convertedAt: new Date(), outputKey: 'unused' }).where(eq(printJobs.id, job.id));
  return { jobId: job.id, printerId };
}

describe('the printer dispatch lease', () => {
  it('a dispatcher that lost its lease before recording the upload is told not to send it, so the new one alone sends it', async () => {
    const { jobId, printerId } = await convertedJob();
    const first = dbDispatchStore('dispatcher-a', LEASE);
    expect((await claimPrintersForDispatch('dispatcher-a', { ...LEASE, limit: 100 })).map((p) => p.id)).toContain(printerId);
    expect(await first.startSending(printerId, jobId)).toBe(true);

    // The first dispatcher stalls past its lease (a loaded machine), and another takes the printer over.
    await db
      .update(printers)
      .set({ dispatchLeaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(printers.id, printerId));
    expect((await claimPrintersForDispatch('dispatcher-b', { ...LEASE, limit: 100 })).map((p) => p.id)).toContain(printerId);

    const stale = await first.beginUpload(printerId, jobId, 7);
    expect(stale.isOurs).toBe(false);
    expect((await jobById(jobId)).documentSentAt).toBeNull();

    // The new dispatcher finds it never uploaded, and sends it.
    const second = dbDispatchStore('dispatcher-b', LEASE);
    const current = await second.currentJob(printerId);
    expect(current).toMatchObject({ id: jobId, state: 'sending', documentSentAt: null });
    expect((await second.beginUpload(printerId, jobId, 8)).isOurs).toBe(true);
    expect((await jobById(jobId)).ippJobId).toBe(8);
  });
});
