import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, printJobs } from '@/db/schema';
import { DEFAULT_DISPATCH_SETTINGS } from '@/lib/config/print-settings';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { eventually } from '@/dev/test-support/fixtures';
import { makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { createPaidOrder, createPrintShop, jobById } from '@/lib/print-jobs/testing/print-fixtures';
import { claimPrintersForDispatch, dbDispatchStore } from './db-dispatch-store';
import { dispatchPrinter } from './dispatch-printer';
import type { TDispatchStore } from './dispatch-types';

// No worker: one dispatcher, driven here, whose document store refuses its first reads.
const stack = registerLivePrintStack({ name: 'store-outage', printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Outage printer', spoolDir, pagesPerMinute: 600 })], startWorker: false });
const LEASE = { leaseMs: 30_000 };

describe('a document store that refuses for a while', () => {
  it('holds the converted job back and sends it once the store answers, without converting it again', async () => {
    const { shop, printers: added } = await createPrintShop({ printers: [{ name: 'P', uri: stack.printers[0].uri }] });
    const { job } = await createPaidOrder(stack.live, { shopId: shop.id, pages: 1 });
    const printerId = added[0].id;
    const outputKey = `jobs/${job.id}/output`;
    await documentStore().put(outputKey, await makeTextPdf([{}]));
    const convertedAt = new Date();
    await db.update(printJobs).set({ printerId, convertedAt, outputKey, outputFormat: 'application/pdf' }).where(eq(printJobs.id, job.id));

    const [printer] = (await claimPrintersForDispatch('outage-dispatcher', { ...LEASE, limit: 100 })).filter((p) => p.id === printerId);
    const real = dbDispatchStore('outage-dispatcher', LEASE);
    let refusals = 0;
    const store: TDispatchStore = {
      ...real,
      readOutput: async (id, jobId) => {
        // What the S3 store throws when the bucket answers 503 or the connection is refused.
        if (refusals < 3) {
          refusals += 1;
          throw new Error(`S3 GET ${outputKey} failed with 503: SlowDown`);
        }
        return real.readOutput(id, jobId);
      },
    };
    const stop = new AbortController();
    // Stays on the printer while it waits (the worker would claim the printer again instead).
    const dispatching = dispatchPrinter(printer, store, stop.signal, { ...DEFAULT_DISPATCH_SETTINGS, idleReleaseMs: 60_000 });
    try {
      await eventually('the job to print', async () => (await jobById(job.id)).state === 'printed', 40_000, 200).catch(async (error: Error) => {
        const now = await jobById(job.id);
        throw new Error(`${error.message}: job ${now.state}, ${refusals} refusals, last error ${now.lastError}, run after ${now.runAfter?.toISOString()}`);
      });
    } finally {
      stop.abort();
      await dispatching;
    }

    expect(refusals).toBe(3);
    const printed = await jobById(job.id);
    // Not moved and not converted again: the same converted file went to the same printer.
    expect(printed).toMatchObject({ printerId, outputKey });
    expect(printed.convertedAt?.getTime()).toBe(convertedAt.getTime());
    const moved = await db
      .select()
      .from(events)
      .where(and(eq(events.jobId, job.id), eq(events.type, 'job.moved')));
    expect(moved).toHaveLength(0);
  });
});
