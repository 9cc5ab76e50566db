/**
 * Print pipeline benchmark: latency from "paid" to "accepted by the printer" for 10-page and
 * 100-page PDFs across three printers, jobs per minute and printer utilisation under a
 * backlog, beside CUPS (a private cupsd with an IPP Everywhere queue to the same kind of
 * printer, jobs sent with `lp`) in the same run.
 *
 *   tsx dev/bench/pipeline/bench-pipeline.ts [--quick] [--backend postgis|pglite] [--database-url URL]
 *
 * postgis (default): a scratch database `nearprint_bench_pipeline_<pid>` on BENCH_DATABASE_URL
 * (or postgres://postgres@127.0.0.1:5432/postgres), dropped at the end. pglite: in memory,
 * served from this process. The worker is the real one (`workers/main.ts`, default settings)
 * in a child process; printers are ippeveprinter with the print simulator. The last line of
 * output is one JSON object (see docs/BENCHMARKS.md).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { LOCAL_PRINTER_NETWORKS, LOCAL_PRINTER_PORTS } from '@/dev/stack/local-printer-network';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, backend: { type: 'string', default: 'postgis' }, 'database-url': { type: 'string' } },
});
const isQuick = args.quick;
const BACKEND = args.backend === 'pglite' ? 'pglite' : 'postgis';
const PPM = 600;
const COUNTS = isQuick ? { latency10: 4, latency100: 2, backlog: 9, cupsLatency: 3, cupsBacklog: 3 } : { latency10: 30, latency100: 9, backlog: 60, cupsLatency: 20, cupsBacklog: 20 };
/** Between latency jobs, so each finds a printer free (a 10-page job takes the printer about 3.5 s, 100 pages about 13 s). */
const GAP_10_MS = 1_500;
const GAP_100_MS = isQuick ? 2_500 : 4_500;
const SAMPLE_MS = 40;

type TDatabase = { url: string; prepare: boolean; stop: () => Promise<void> };

async function startDatabase(): Promise<TDatabase> {
  if (BACKEND === 'pglite') {
    const { startEmbeddedDb } = await import('@/dev/embedded-db/start-embedded-db');
    const { freePort } = await import('@/dev/lib/free-port');
    const embedded = await startEmbeddedDb({ port: await freePort() });
    return { url: embedded.url, prepare: false, stop: embedded.stop };
  }
  const server = args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `nearprint_bench_pipeline_${process.pid}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    throw new Error(`Cannot create a scratch database on ${new URL(server).host} (${(error as Error).message}). Start PostgreSQL with PostGIS, or run with --backend pglite.`);
  }
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const scratch = postgres(url, { max: 1, onnotice: () => {} });
  await scratch.unsafe('create extension if not exists postgis');
  await scratch.end();
  return {
    url,
    prepare: true,
    stop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'nearprint-bench-pipeline-'));
  const database = await startDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_PREPARE = String(database.prepare);
  process.env.DOCUMENT_STORE_ROOT = path.join(work, 'files');
  process.env.DATA_DIR = work;
  // Its printers listen on loopback, which a deployment's printer address gate refuses.
  process.env.PRINTER_ALLOWED_NETWORKS ||= LOCAL_PRINTER_NETWORKS;
  process.env.PRINTER_ALLOWED_PORTS ||= LOCAL_PRINTER_PORTS;
  const stoppers: (() => Promise<unknown>)[] = [async () => rm(work, { recursive: true, force: true }), database.stop];
  // Ctrl+C or a kill: stop the worker, printers and CUPS and drop the scratch database, as at the end.
  const stopOnSignal = async () => {
    for (const stop of stoppers.splice(0)) await stop().catch((error: unknown) => console.error(error));
    process.exit(130);
  };
  process.on('SIGINT', () => void stopOnSignal());
  process.on('SIGTERM', () => void stopOnSignal());

  const { migrateDatabase } = await import('@/db/migrate');
  const { closeDb, db } = await import('@/db/client');
  const { events, orderDocuments, orders } = await import('@/db/schema');
  const { and, eq, inArray } = await import('drizzle-orm');
  const { colorDuplexPdfPrinter } = await import('@/dev/printers/printer-presets');
  const { startPrinter } = await import('@/dev/printers/start-printer');
  const { getPrinterStatus } = await import('@/lib/ipp/get-printer-status');
  const { getJobs } = await import('@/lib/ipp/get-jobs');
  const { recordPayment } = await import('@/lib/billing/record-payment');
  const { newOrderNumber } = await import('@/lib/orders/order-number');
  const { quoteForShop } = await import('@/lib/quote/quote-for-shop');
  const { createTestUser } = await import('@/dev/test-support/fixtures');
  const { createPrintableDocument, createPrintShop, makePdf, MONO_A4 } = await import('@/lib/print-jobs/testing/print-fixtures');
  const { startPrivateCups } = await import('./start-private-cups');

  try {
    await migrateDatabase(database.url);
    const printers = await Promise.all(
      [1, 2, 3].map((n) => startPrinter(colorDuplexPdfPrinter({ name: `Bench ${n}`, spoolDir: path.join(work, `p${n}`), pagesPerMinute: PPM, pagesPerMinuteColor: PPM }))),
    );
    const cupsTarget = await startPrinter(colorDuplexPdfPrinter({ name: 'Bench CUPS target', spoolDir: path.join(work, 'cups-target'), pagesPerMinute: PPM, pagesPerMinuteColor: PPM }));
    stoppers.unshift(async () => Promise.allSettled([...printers, cupsTarget].map((p) => p.stop())));

    const { shop } = await createPrintShop({ printers: printers.map((p, i) => ({ name: `Printer ${i + 1}`, uri: p.uri })) });
    const customer = await createTestUser('customer');
    const docs = { 10: await createPrintableDocument(customer.id, 10), 100: await createPrintableDocument(customer.id, 100) };
    const quotes = {
      10: (await quoteForShop({ shopId: shop.id, job: MONO_A4, documents: [Array(10).fill(false)] })).quote,
      100: (await quoteForShop({ shopId: shop.id, job: MONO_A4, documents: [Array(100).fill(false)] })).quote,
    };
    let paidCount = 0;
    /** An order as the app makes it, then marked paid as the Stripe webhook does (recordPayment creates the job). */
    async function pay(pages: 10 | 100): Promise<{ orderId: string; paidAt: number }> {
      const quote = quotes[pages];
      const [order] = await db
        .insert(orders)
        .values({
          number: newOrderNumber(),
          customerId: customer.id,
          shopId: shop.id,
          options: MONO_A4,
          quote,
          currency: quote.currency,
          totalMinor: quote.totalMinor,
          platformFeeMinor: quote.platformFeeMinor,
        })
        .returning();
      const allPages = Array.from({ length: pages }, (_, i) => i + 1);
      await db.insert(orderDocuments).values({ orderId: order.id, documentId: docs[pages].id, position: 0, pageCount: pages, selectedPages: allPages, colorPages: [], forcedMonoPages: [] });
      paidCount += 1;
      await recordPayment(order.id, {
        paymentIntentId: `pi_bench_${paidCount}_${process.pid}`,
        chargeId: `ch_bench_${paidCount}_${process.pid}`,
        amountMinor: quote.totalMinor,
        currency: quote.currency,
        paidAt: new Date(),
      });
      return { orderId: order.id, paidAt: Date.now() };
    }
    async function eventTimes(orderIds: string[], type: string): Promise<Map<string, number>> {
      const rows = await db
        .select({ orderId: events.orderId, at: events.createdAt })
        .from(events)
        .where(and(inArray(events.orderId, orderIds), eq(events.type, type)));
      return new Map(rows.map((r) => [r.orderId!, r.at.getTime()]));
    }
    async function waitFor(orderIds: string[], type: string, timeoutMs: number): Promise<Map<string, number>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const times = await eventTimes(orderIds, type);
        if (times.size === orderIds.length) return times;
        if (Date.now() > deadline) throw new Error(`Only ${times.size} of ${orderIds.length} jobs reached ${type} in time.`);
        await sleep(100);
      }
    }
    /** Samples printer-state of each printer: busy (processing) or not, with the time. */
    function samplePrinters(uris: string[]) {
      const samples = new Map<string, { at: number; isBusy: boolean }[]>(uris.map((u) => [u, []]));
      let isRunning = true;
      const loops = uris.map(async (uri) => {
        while (isRunning) {
          const state = await getPrinterStatus(uri, { timeoutMs: 1_000 }).then(
            (s) => s.state,
            () => 'stopped',
          );
          samples.get(uri)!.push({ at: Date.now(), isBusy: state === 'processing' });
          await sleep(SAMPLE_MS);
        }
      });
      return {
        stop: async () => {
          isRunning = false;
          await Promise.all(loops);
          return samples;
        },
      };
    }
    /** Busy fraction of one printer between two instants (while jobs were waiting for it). */
    function busyShare(samples: { at: number; isBusy: boolean }[], from: number, to: number): number {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      return inside.length ? inside.filter((s) => s.isBusy).length / inside.length : NaN;
    }

    const worker = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { env: { ...process.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let workerErrors = '';
    worker.stderr.on('data', (chunk: Buffer) => (workerErrors = (workerErrors + chunk.toString()).slice(-4000)));
    stoppers.unshift(async () => {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    });
    log(`Backend ${BACKEND}; 3 printers at ${PPM} pages/min; worker pid ${worker.pid}.`);

    // Warm-up: the worker's conversion threads load once; the first job is not measured.
    const warm = await pay(10);
    await waitFor([warm.orderId], 'job.printing', 60_000);

    const latencyOrders: string[] = [];
    const latency = async (pages: 10 | 100, count: number, gapMs: number) => {
      const paid = [];
      for (let i = 0; i < count; i += 1) {
        paid.push(await pay(pages));
        await sleep(gapMs);
      }
      latencyOrders.push(...paid.map((p) => p.orderId));
      const accepted = await waitFor(
        paid.map((p) => p.orderId),
        'job.printing',
        120_000,
      );
      return paid.map((p) => accepted.get(p.orderId)! - p.paidAt);
    };
    const lat10 = await latency(10, COUNTS.latency10, GAP_10_MS);
    log(`paid → accepted, 10 pages (${lat10.length} jobs): p50 ${round(percentile(lat10, 50))} ms, p95 ${round(percentile(lat10, 95))} ms`);
    const lat100 = await latency(100, COUNTS.latency100, GAP_100_MS);
    log(`paid → accepted, 100 pages (${lat100.length} jobs): p50 ${round(percentile(lat100, 50))} ms, p95 ${round(percentile(lat100, 95))} ms`);
    if (!isQuick) await waitFor(latencyOrders, 'job.printed', 120_000);

    // Backlog: everything paid at once; printers should stay busy back to back.
    const sampler = samplePrinters(printers.map((p) => p.uri));
    const backlogStart = Date.now();
    const backlog = await Promise.all(Array.from({ length: COUNTS.backlog }, () => pay(10)));
    const backlogIds = backlog.map((b) => b.orderId);
    const printed = await waitFor(backlogIds, 'job.printed', 300_000);
    const samples = await sampler.stop();
    const jobsPerMin = COUNTS.backlog / ((Math.max(...printed.values()) - backlogStart) / 60_000);
    const jobRows = await db.execute<{ printer_id: string; at: Date }>(
      (await import('drizzle-orm')).sql`select j.printer_id, e.created_at as at from events e join print_jobs j on j.id = e.job_id where e.type = 'job.printing' and j.order_id in ${backlogIds}`,
    );
    const printerIds = [...new Set(jobRows.map((r) => r.printer_id))];
    const { printers: printerTable } = await import('@/db/schema');
    const uriOf = new Map((await db.select({ id: printerTable.id, uri: printerTable.uri }).from(printerTable).where(inArray(printerTable.id, printerIds))).map((p) => [p.id, p.uri]));
    // A printer that got only one job of the backlog had nothing waiting for it: no window to measure.
    const shares = printerIds
      .map((id) => {
        const times = jobRows.filter((r) => r.printer_id === id).map((r) => new Date(r.at).getTime());
        return busyShare(samples.get(uriOf.get(id)!) ?? [], Math.min(...times), Math.max(...times));
      })
      .filter((share) => Number.isFinite(share));
    const utilisation = shares.reduce((a, b) => a + b, 0) / shares.length;
    log(`backlog of ${COUNTS.backlog} × 10 pages: ${round(jobsPerMin)} jobs/min, utilisation ${shares.map((s) => `${Math.round(s * 100)} %`).join(', ')} (mean ${Math.round(utilisation * 100)} %)`);

    // CUPS on the same kind of printer, same documents.
    const cups = await startPrivateCups(cupsTarget.uri);
    stoppers.unshift(cups.stop);
    const tenPages = path.join(work, 'ten.pdf');
    await writeFile(tenPages, await makePdf(10));
    const acceptedByTarget = async (titles: string[], timeoutMs: number) => {
      const seen = new Map<string, number>();
      const deadline = Date.now() + timeoutMs;
      while (seen.size < titles.length && Date.now() < deadline) {
        for (const job of await getJobs(cupsTarget.uri, { whichJobs: 'all' })) if (job.jobName && titles.includes(job.jobName) && !seen.has(job.jobName)) seen.set(job.jobName, Date.now());
        await sleep(10);
      }
      return seen;
    };
    await cups.submit(tenPages, 'warmup');
    await acceptedByTarget(['warmup'], 30_000);
    await sleep(isQuick ? 1_000 : 3_000);
    const cupsLatency: number[] = [];
    for (let i = 0; i < COUNTS.cupsLatency; i += 1) {
      const title = `lat-${i}`;
      const submittedAt = Date.now();
      await cups.submit(tenPages, title);
      const seen = await acceptedByTarget([title], 30_000);
      if (seen.has(title)) cupsLatency.push(seen.get(title)! - submittedAt);
      await sleep(GAP_10_MS);
    }
    log(`CUPS submit → accepted, 10 pages (${cupsLatency.length} jobs): p50 ${round(percentile(cupsLatency, 50))} ms, p95 ${round(percentile(cupsLatency, 95))} ms`);
    const cupsSampler = samplePrinters([cupsTarget.uri]);
    const titles = Array.from({ length: COUNTS.cupsBacklog }, (_, i) => `backlog-${i}`);
    const cupsStart = Date.now();
    for (const title of titles) await cups.submit(tenPages, title);
    const cupsSeen = await acceptedByTarget(titles, 300_000);
    const cupsDone = Date.now();
    const cupsSamples = await cupsSampler.stop();
    const cupsUtilisation = busyShare(cupsSamples.get(cupsTarget.uri)!, Math.min(...cupsSeen.values()), Math.max(...cupsSeen.values()));
    const cupsJobsPerMin = COUNTS.cupsBacklog / ((cupsDone + 1_000 - cupsStart) / 60_000);
    log(`CUPS backlog of ${COUNTS.cupsBacklog} × 10 pages on one printer: utilisation ${Math.round(cupsUtilisation * 100)} %, about ${round(cupsJobsPerMin)} jobs/min`);
    if (workerErrors.trim()) console.log(`worker stderr (tail):\n${workerErrors.trim().split('\n').slice(-5).join('\n')}`);

    await closeDb();
    console.log(
      JSON.stringify({
        bench: 'pipeline',
        backend: BACKEND,
        quick: isQuick,
        printers: 3,
        pages_per_minute: PPM,
        jobs: COUNTS.latency10 + COUNTS.latency100 + COUNTS.backlog,
        paid_to_accepted_p50_ms: round(percentile(lat10, 50)),
        paid_to_accepted_p95_ms: round(percentile(lat10, 95)),
        paid_to_accepted_100p_p50_ms: round(percentile(lat100, 50)),
        paid_to_accepted_100p_p95_ms: round(percentile(lat100, 95)),
        cups_submit_to_accepted_p50_ms: round(percentile(cupsLatency, 50)),
        cups_submit_to_accepted_p95_ms: round(percentile(cupsLatency, 95)),
        jobs_per_min: round(jobsPerMin),
        printer_utilisation: Math.round(utilisation * 1000) / 1000,
        cups_printer_utilisation: Math.round(cupsUtilisation * 1000) / 1000,
        cups_jobs_per_min_one_printer: round(cupsJobsPerMin),
      }),
    );
  } finally {
    for (const stop of stoppers.splice(0)) await stop().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
