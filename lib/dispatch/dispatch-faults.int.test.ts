import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, printJobs, type TPrintJob } from '@/db/schema/index';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { startFaultProxy, type TFaultProxy } from '@/dev/printers/start-fault-proxy';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { createPaidOrder, createPrintShop, switchToTemporaryDocumentStore } from '@/lib/print-jobs/testing/print-fixtures';
import { startPrintWorker } from '@/workers/testing/start-print-worker';

/**
 * The dispatcher against a real ippeveprinter behind a fault proxy: each network fault the
 * issue names, one at a time and on cue, so every outcome is decided by what the printer did,
 * never by timing. Every test ends with the spool: the job came out at most once.
 */
let live: TBillingStripe;
let storeRoot: string;
let spoolRoot: string;
let printer: TPrinterHandle;
let proxy: TFaultProxy;
let worker: ReturnType<typeof startPrintWorker>;
let shopId: string;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  storeRoot = await switchToTemporaryDocumentStore();
  live = await startBillingStripe();
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-dispatch-faults-'));
  printer = await startPrinter(colorDuplexPdfPrinter({ name: 'Faulty', spoolDir: spoolRoot, pagesPerMinute: 300, pagesPerMinuteColor: 300 }));
  proxy = await startFaultProxy({ target: printer });
  ({
    shop: { id: shopId },
  } = await createPrintShop({ printers: [{ name: 'Behind the proxy', uri: proxy.uri }] }));
  // The printer's silence is waited out for 30 s before the shop is asked (a frozen printer below thaws after 8 s).
  worker = startPrintWorker({ env: { PRINT_UNREACHABLE_GIVE_UP_MS: '30000', PRINT_DOCUMENT_TIMEOUT_MS: '4000' } });
});

afterEach(() => proxy.clearFaults());

afterAll(async () => {
  await worker?.stop();
  await proxy?.stop();
  await printer?.stop();
  await live?.stop();
  await closeDb();
  await fs.rm(spoolRoot, { recursive: true, force: true });
  await fs.rm(storeRoot, { recursive: true, force: true });
});

async function settled(jobId: string): Promise<TPrintJob> {
  return eventually(
    'the job settled',
    async () => {
      const [job] = await db.select().from(printJobs).where(eq(printJobs.id, jobId));
      return (job.state === 'printed' || job.state === 'failed' || job.outcomeUnknownAt) && job;
    },
    90_000,
  );
}

/** Completed copies of the job in the spool: files of uploads the proxy cut off (aborted jobs) do not count. */
async function timesPrinted(job: TPrintJob): Promise<number> {
  const cut = new Set(proxy.stats.uploads.filter((upload) => upload.outcome === 'reset').map((upload) => upload.jobId));
  return (await readSpool(printer.spoolDir)).filter((file) => file.name.includes(job.ippJobName) && !cut.has(file.jobId)).length;
}

async function eventTypes(jobId: string): Promise<string[]> {
  return (await db.select({ type: events.type }).from(events).where(eq(events.jobId, jobId))).map((e) => e.type);
}

const uploadsOf = (job: TPrintJob) => proxy.stats.uploads.filter((upload) => upload.jobName === job.ippJobName || upload.jobId === job.ippJobId);

describe('exactly once when the network is ambiguous (real printer, faults at the network edge)', () => {
  it('the printer got the document but its answer was lost: the job is found on the printer and never sent again', async () => {
    proxy.setFaults({ dropResponseOf: 'Send-Document' });
    const { job } = await createPaidOrder(live, { shopId, pages: 3 });
    const done = await settled(job.id);
    expect(done.state).toBe('printed');
    expect(proxy.stats.responsesDropped).toBe(1);
    expect(await timesPrinted(done)).toBe(1);
    expect(uploadsOf(done)).toHaveLength(1);
  });

  it('the upload was cut off halfway: the printer aborted it, so it is sent again and prints once', async () => {
    proxy.setFaults({ resetUploadAfterBytes: 400 });
    const { job } = await createPaidOrder(live, { shopId, pages: 3 });
    const done = await settled(job.id);
    expect(done.state).toBe('printed');
    expect(proxy.stats.uploadsReset).toBe(1);
    expect(await timesPrinted(done)).toBe(1);
    expect(await eventTypes(job.id)).toContain('job.retrying');
  });

  it('the printer froze right after receiving the document and thawed later: the upload in doubt is looked up, not resent', async () => {
    let isFrozen = false;
    proxy.setFaults({
      onUploadForwarded: async () => {
        if (isFrozen) return;
        isFrozen = true;
        await printer.pause();
        setTimeout(() => void printer.resume(), 8_000);
      },
    });
    const { job } = await createPaidOrder(live, { shopId, pages: 2 });
    const done = await settled(job.id);
    expect(isFrozen).toBe(true);
    expect(done.state).toBe('printed');
    expect(await timesPrinted(done)).toBe(1);
    expect(uploadsOf(done)).toHaveLength(1);
  });

  it('a printer that forgets finished jobs at once but keeps their names: printed, not read as lost', async () => {
    proxy.setFaults({ forgetCompletedJobs: 'attributes' });
    const { job } = await createPaidOrder(live, { shopId, pages: 2 });
    const done = await settled(job.id);
    expect(done.state).toBe('printed');
    expect(proxy.stats.jobsHidden).toBeGreaterThan(0);
    expect(await timesPrinted(done)).toBe(1);
    expect(await eventTypes(job.id)).not.toContain('job.retrying');
  });

  it('a printer that forgets finished jobs entirely: the shop is asked to check, and the job is not sent again', async () => {
    proxy.setFaults({ forgetCompletedJobs: 'everything' });
    const { job } = await createPaidOrder(live, { shopId, pages: 2 });
    const done = await settled(job.id);
    expect(done).toMatchObject({ state: 'printing' });
    expect(done.outcomeUnknownAt).not.toBeNull();
    expect(await timesPrinted(done)).toBe(1);
    expect(uploadsOf(done)).toHaveLength(1);
  });
});
