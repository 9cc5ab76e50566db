import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, orders, printJobs } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { accountBalances, orderLedgerSummary } from '@/lib/billing/ledger';
import { createPaidOrder, createPrintShop, useTemporaryDocumentStore } from '@/lib/print-jobs/testing/print-fixtures';
import { spawnWorker, type TWorkerProcess } from '../testing/spawn-worker';

const JOBS = 50;

let live: TBillingStripe;
let storeRoot: string;
let spoolRoot: string;
let fleet: TPrinterHandle[] = [];
let workers: TWorkerProcess[] = [];

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  storeRoot = await useTemporaryDocumentStore();
  live = await startBillingStripe();
});

afterEach(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
  await Promise.allSettled(fleet.map((printer) => printer.stop()));
  fleet = [];
});

afterAll(async () => {
  await live?.stop();
  await closeDb();
  await fs.rm(storeRoot, { recursive: true, force: true });
  if (spoolRoot) await fs.rm(spoolRoot, { recursive: true, force: true });
});

/** Three fast printers (600 pages a minute) in one shop, and `JOBS` paid one-page orders for it. */
async function shopWithBacklog(name: string) {
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), `nearprint-${name}-`));
  fleet = await Promise.all(
    [1, 2, 3].map((n) => startPrinter(colorDuplexPdfPrinter({ name: `${name} ${n}`, spoolDir: path.join(spoolRoot, `p${n}`), pagesPerMinute: 600, pagesPerMinuteColor: 600 }))),
  );
  const { shop } = await createPrintShop({ printers: fleet.map((printer, i) => ({ name: `Printer ${i + 1}`, uri: printer.uri })) });
  const paid = [];
  for (let batch = 0; batch < JOBS; batch += 10) {
    paid.push(...(await Promise.all(Array.from({ length: Math.min(10, JOBS - batch) }, () => createPaidOrder(live, { shopId: shop.id, pages: 1 })))));
  }
  return { shop, jobIds: paid.map((p) => p.job.id), orderIds: paid.map((p) => p.order.id) };
}

async function spoolCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const printer of fleet) {
    for (const file of await readSpool(printer.spoolDir)) {
      const name = /nearprint-[0-9a-f-]{36}/.exec(file.name)?.[0];
      if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}

async function allSettled(jobIds: string[]) {
  const rows = await db.select().from(printJobs).where(inArray(printJobs.id, jobIds));
  const isDone = rows.every((job) => job.state === 'printed' || (job.state === 'failed' && job.refundSettledAt));
  return isDone && rows;
}

function describeFailure(): string {
  return workers.map((w, i) => `--- worker ${i} ---\n${w.output().slice(-3000)}`).join('\n');
}

describe('the print worker under SIGKILL and in parallel', () => {
  it('SIGKILLed at random points and restarted, prints every job exactly once or fails and refunds it; nothing stays stuck', async () => {
    const { jobIds, orderIds } = await shopWithBacklog('Kill');
    const deadline = Date.now() + 150_000;
    let kills = 0;
    let current = spawnWorker();
    workers.push(current);
    let done: Awaited<ReturnType<typeof allSettled>> = false;
    while (!(done = await allSettled(jobIds)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 2200));
      if (kills < 8 && !(await allSettled(jobIds))) {
        current.child.kill('SIGKILL');
        await current.exited;
        kills += 1;
        current = spawnWorker();
        workers.push(current);
      }
    }
    if (!done) throw new Error(`Jobs did not settle within the deadline after ${kills} kills.\n${describeFailure()}`);
    expect(kills).toBeGreaterThanOrEqual(3);

    const counts = await spoolCounts();
    for (const job of done) {
      if (job.state === 'printed') expect(counts.get(job.ippJobName), `${job.ippJobName} printed ${counts.get(job.ippJobName)} times`).toBe(1);
      else expect(counts.get(job.ippJobName) ?? 0).toBe(0);
    }
    const failed = done.filter((job) => job.state === 'failed');
    for (const job of failed) expect((await orderLedgerSummary(job.orderId)).refundedMinor).toBeGreaterThan(0);
    const paidOrders = await db.select().from(orders).where(inArray(orders.id, orderIds));
    expect(paidOrders.filter((o) => o.status === 'ready').length + failed.length).toBe(JOBS);
    const balances = await accountBalances();
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
  }, 240_000);

  it('three workers at once over 50 jobs: no job claimed, converted or printed twice', async () => {
    const { jobIds } = await shopWithBacklog('Three');
    workers.push(spawnWorker(), spawnWorker(), spawnWorker());
    const done = await eventually('all jobs printed', () => allSettled(jobIds), 150_000, 250).catch((error: Error) => {
      throw new Error(`${error.message}\n${describeFailure()}`);
    });
    expect(done.every((job) => job.state === 'printed')).toBe(true);
    const counts = await spoolCounts();
    for (const job of done) expect(counts.get(job.ippJobName), job.ippJobName).toBe(1);

    const jobEvents = await db
      .select({ jobId: events.jobId, type: events.type, actor: events.actor })
      .from(events)
      .where(and(inArray(events.jobId, jobIds)));
    for (const jobId of jobIds) {
      const mine = jobEvents.filter((e) => e.jobId === jobId);
      expect(
        mine.filter((e) => e.type === 'job.converted'),
        `${jobId} converted`,
      ).toHaveLength(1);
      expect(
        mine.filter((e) => e.type === 'job.sending'),
        `${jobId} sent`,
      ).toHaveLength(1);
      expect(
        mine.filter((e) => e.type === 'job.printed'),
        `${jobId} printed`,
      ).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'job.retrying' || e.type === 'job.moved')).toHaveLength(0);
    }
    const [row] = await db
      .select({ leaseOwner: printJobs.leaseOwner })
      .from(printJobs)
      .where(and(inArray(printJobs.id, jobIds), eq(printJobs.state, 'printed')))
      .limit(1);
    expect(row.leaseOwner).toBeNull();
  }, 240_000);
});
