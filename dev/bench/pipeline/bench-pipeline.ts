/**
 * Print pipeline benchmark: latency from "paid" to "accepted by the printer" for a 10-page PDF,
 * a real 40-page document (written by LibreOffice) and a 100-page PDF, each sent when every
 * printer is idle; jobs per minute and printer utilisation under a backlog on three printers.
 * Beside it, in the same run and measured the same way, CUPS: a private cupsd with one IPP
 * Everywhere queue per printer in a class, to three more printers of the same kind, the same
 * files sent with `lp` (see docs/BENCHMARKS.md).
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
import { atBenchExit, runBench } from '../bench-exit';
import { percentile } from '../percentile';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, backend: { type: 'string', default: 'postgis' }, 'database-url': { type: 'string' } },
});
const isQuick = args.quick;
const BACKEND = args.backend === 'pglite' ? 'pglite' : 'postgis';
const PPM = 600;
/** Latency jobs per document, the same for both systems; the backlog is the same size for both. */
const COUNTS = isQuick ? { latency: 4, latency100: 2, backlog: 9 } : { latency: 20, latency100: 6, backlog: 45 };
const PRINTERS = 3;
const REAL_DOCUMENT_PAGES = 40;
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

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'nearprint-bench-pipeline-'));
  const database = await startDatabase();
  atBenchExit(database.stop);
  // Retried: a process stopped just before may still be letting go of files in it (ENOTEMPTY).
  atBenchExit(() => rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_PREPARE = String(database.prepare);
  process.env.DOCUMENT_STORE_ROOT = path.join(work, 'files');
  process.env.DATA_DIR = work;
  // Its printers listen on loopback, which a deployment's printer address gate refuses.
  process.env.PRINTER_ALLOWED_NETWORKS ||= LOCAL_PRINTER_NETWORKS;
  process.env.PRINTER_ALLOWED_PORTS ||= LOCAL_PRINTER_PORTS;

  const { migrateDatabase } = await import('@/db/migrate');
  const { closeDb, db } = await import('@/db/client');
  // Closed before the scratch database is dropped, which would cut its connections under it.
  const closeAppDb = atBenchExit(closeDb);
  const { events, orderDocuments, orders } = await import('@/db/schema');
  const { and, eq, inArray, sql } = await import('drizzle-orm');
  const { documentStore } = await import('@/lib/documents/storage/app-document-store');
  const { flatTextDocument, saveWithLibreOffice } = await import('@/lib/documents/fixtures/make-office-files');
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

  await migrateDatabase(database.url);
  // A real document, as a shop gets them: 40 pages of text laid out and saved as PDF by LibreOffice.
  const realPdf = await saveWithLibreOffice(
    flatTextDocument({
      pages: REAL_DOCUMENT_PAGES,
      paragraphsPerPage: 6,
      paragraph: 'The print shop receives this report as a customer would send it, set in a real font with real line breaks. '.repeat(4),
    }),
    'pdf',
  );
  const tenPdf = await makePdf(10);
  const startPrinters = (prefix: string) =>
    Promise.all(
      Array.from({ length: PRINTERS }, (_, i) =>
        startPrinter(colorDuplexPdfPrinter({ name: `${prefix} ${i + 1}`, spoolDir: path.join(work, `${prefix}-${i + 1}`.replace(/\s/g, '')), pagesPerMinute: PPM, pagesPerMinuteColor: PPM })),
      ),
    );
  const printers = await startPrinters('Bench');
  const cupsTargets = await startPrinters('Bench CUPS');
  atBenchExit(() => Promise.allSettled([...printers, ...cupsTargets].map((p) => p.stop())));

  const { shop } = await createPrintShop({ printers: printers.map((p, i) => ({ name: `Printer ${i + 1}`, uri: p.uri })) });
  const customer = await createTestUser('customer');
  const docs = {
    10: await createPrintableDocument(customer.id, 10, { pdf: tenPdf }),
    real: await createPrintableDocument(customer.id, REAL_DOCUMENT_PAGES, { pdf: realPdf, filename: 'report.pdf' }),
    100: await createPrintableDocument(customer.id, 100),
  };
  type TDoc = keyof typeof docs;
  const pagesOf = { 10: 10, real: REAL_DOCUMENT_PAGES, 100: 100 } as const;
  const quotes = Object.fromEntries(
    await Promise.all((Object.keys(docs) as TDoc[]).map(async (key) => [key, (await quoteForShop({ shopId: shop.id, job: MONO_A4, documents: [Array(pagesOf[key]).fill(false)] })).quote] as const)),
  ) as Record<TDoc, Awaited<ReturnType<typeof quoteForShop>>['quote']>;
  let paidCount = 0;
  /** An order as the app makes it, then marked paid as the Stripe webhook does (recordPayment creates the job). */
  async function pay(doc: TDoc): Promise<{ orderId: string; paidAt: number }> {
    const quote = quotes[doc];
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
    const pages = pagesOf[doc];
    const allPages = Array.from({ length: pages }, (_, i) => i + 1);
    await db.insert(orderDocuments).values({ orderId: order.id, documentId: docs[doc].id, position: 0, pageCount: pages, selectedPages: allPages, colorPages: [], forcedMonoPages: [] });
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
  /** Until every printer says idle, twice in a row (a printer between two jobs of a backlog may say idle once). */
  async function waitIdle(uris: string[]): Promise<void> {
    const deadline = Date.now() + 120_000;
    let idleInARow = 0;
    while (idleInARow < 2) {
      if (Date.now() > deadline) throw new Error('The printers did not become idle within 2 minutes.');
      const states = await Promise.all(uris.map((uri) => getPrinterStatus(uri, { timeoutMs: 2_000 }).then((status) => status.state)));
      idleInARow = states.every((state) => state === 'idle') ? idleInARow + 1 : 0;
      await sleep(50);
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
  /** Mean busy share of the printers that had jobs waiting, each between its first and last backlog job. */
  function meanUtilisation(samples: Map<string, { at: number; isBusy: boolean }[]>, acceptedAt: Map<string, number[]>): number {
    // A printer that got only one job of the backlog had nothing waiting for it: no window to measure.
    const shares = [...acceptedAt.entries()].map(([uri, times]) => busyShare(samples.get(uri) ?? [], Math.min(...times), Math.max(...times))).filter((share) => Number.isFinite(share));
    return shares.reduce((a, b) => a + b, 0) / shares.length;
  }

  const worker = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { env: { ...process.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let workerErrors = '';
  worker.stderr.on('data', (chunk: Buffer) => (workerErrors = (workerErrors + chunk.toString()).slice(-4000)));
  atBenchExit(async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  });
  log(`Backend ${BACKEND}; ${PRINTERS} printers each for Nearprint and CUPS at ${PPM} pages/min; worker pid ${worker.pid}; scratch ${work}.`);

  // Warm-up: the worker's conversion threads load once; the first job is not measured.
  const warm = await pay(10);
  await waitFor([warm.orderId], 'job.printed', 60_000);

  // Latency on idle printers: each job is paid only once every printer is idle and the last one printed.
  const ourUris = printers.map((p) => p.uri);
  const latency = async (doc: TDoc, count: number) => {
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      await waitIdle(ourUris);
      const paid = await pay(doc);
      const accepted = await waitFor([paid.orderId], 'job.printing', 120_000);
      samples.push(accepted.get(paid.orderId)! - paid.paidAt);
      await waitFor([paid.orderId], 'job.printed', 120_000);
    }
    return samples;
  };
  const lat10 = await latency(10, COUNTS.latency);
  log(`paid → accepted, 10 pages, idle printers (${lat10.length} jobs): p50 ${round(percentile(lat10, 50))} ms, p95 ${round(percentile(lat10, 95))} ms`);
  const latReal = await latency('real', COUNTS.latency);
  log(`paid → accepted, ${REAL_DOCUMENT_PAGES}-page LibreOffice document (${latReal.length} jobs): p50 ${round(percentile(latReal, 50))} ms, p95 ${round(percentile(latReal, 95))} ms`);
  const lat100 = await latency(100, COUNTS.latency100);
  log(`paid → accepted, 100 pages (${lat100.length} jobs): p50 ${round(percentile(lat100, 50))} ms, p95 ${round(percentile(lat100, 95))} ms`);

  // Backlog: everything paid at once; printers should stay busy back to back.
  await waitIdle(ourUris);
  const sampler = samplePrinters(ourUris);
  const backlogStart = Date.now();
  const backlog = await Promise.all(Array.from({ length: COUNTS.backlog }, () => pay(10)));
  const backlogIds = backlog.map((b) => b.orderId);
  const printed = await waitFor(backlogIds, 'job.printed', 300_000);
  const samples = await sampler.stop();
  const jobsPerMin = COUNTS.backlog / ((Math.max(...printed.values()) - backlogStart) / 60_000);
  const jobRows = await db.execute<{ uri: string; at: Date }>(
    sql`select p.uri, e.created_at as at from events e join print_jobs j on j.id = e.job_id join printers p on p.id = j.printer_id where e.type = 'job.printing' and j.order_id in ${backlogIds}`,
  );
  const ourAccepted = new Map<string, number[]>();
  for (const row of jobRows) ourAccepted.set(row.uri, [...(ourAccepted.get(row.uri) ?? []), new Date(row.at).getTime()]);
  const utilisation = meanUtilisation(samples, ourAccepted);
  log(`backlog of ${COUNTS.backlog} × 10 pages on ${PRINTERS} printers: ${round(jobsPerMin)} jobs/min, mean utilisation ${Math.round(utilisation * 100)} %`);

  // CUPS: the same files, the same number of idle printers of the same kind, measured the same way.
  const cups = await startPrivateCups(cupsTargets.map((p) => p.uri));
  atBenchExit(cups.stop);
  const cupsUris = cupsTargets.map((p) => p.uri);
  const files = { 10: path.join(work, 'ten.pdf'), real: path.join(work, 'report.pdf'), 100: path.join(work, 'hundred.pdf') };
  await writeFile(files[10], tenPdf);
  await writeFile(files.real, realPdf);
  await writeFile(files[100], await documentStore().get(docs[100].pdfKey!));
  /** When each title appeared on a target printer (accepted), or completed there, polled every 10 ms. */
  const seenOnTargets = async (titles: string[], until: 'accepted' | 'completed', timeoutMs: number) => {
    const seen = new Map<string, { at: number; uri: string }>();
    const deadline = Date.now() + timeoutMs;
    while (seen.size < titles.length && Date.now() < deadline) {
      for (const uri of cupsUris) {
        for (const job of await getJobs(uri, { whichJobs: until === 'completed' ? 'completed' : 'all' })) {
          if (job.jobName && titles.includes(job.jobName) && !seen.has(job.jobName)) seen.set(job.jobName, { at: Date.now(), uri });
        }
      }
      await sleep(10);
    }
    if (seen.size < titles.length) throw new Error(`CUPS: only ${seen.size} of ${titles.length} jobs were ${until} in time.`);
    return seen;
  };
  await cups.submit(files[10], 'warmup');
  await seenOnTargets(['warmup'], 'completed', 60_000);
  let cupsTitles = 0;
  const cupsLatency = async (doc: TDoc, count: number) => {
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      await waitIdle(cupsUris);
      const title = `lat-${(cupsTitles += 1)}`;
      const submittedAt = Date.now();
      await cups.submit(files[doc], title);
      samples.push((await seenOnTargets([title], 'accepted', 120_000)).get(title)!.at - submittedAt);
      await seenOnTargets([title], 'completed', 120_000);
    }
    return samples;
  };
  const cups10 = await cupsLatency(10, COUNTS.latency);
  log(`CUPS lp → accepted, 10 pages, idle printers (${cups10.length} jobs): p50 ${round(percentile(cups10, 50))} ms, p95 ${round(percentile(cups10, 95))} ms`);
  const cupsReal = await cupsLatency('real', COUNTS.latency);
  log(`CUPS lp → accepted, ${REAL_DOCUMENT_PAGES}-page document (${cupsReal.length} jobs): p50 ${round(percentile(cupsReal, 50))} ms, p95 ${round(percentile(cupsReal, 95))} ms`);
  const cups100 = await cupsLatency(100, COUNTS.latency100);
  log(`CUPS lp → accepted, 100 pages (${cups100.length} jobs): p50 ${round(percentile(cups100, 50))} ms, p95 ${round(percentile(cups100, 95))} ms`);

  await waitIdle(cupsUris);
  const cupsSampler = samplePrinters(cupsUris);
  const titles = Array.from({ length: COUNTS.backlog }, (_, i) => `backlog-${i}`);
  const cupsStart = Date.now();
  for (const title of titles) await cups.submit(files[10], title);
  const cupsAccepted = await seenOnTargets(titles, 'accepted', 300_000);
  await seenOnTargets(titles, 'completed', 300_000);
  const cupsDone = Date.now();
  const cupsSamples = await cupsSampler.stop();
  const cupsAcceptedByPrinter = new Map<string, number[]>();
  for (const { uri, at } of cupsAccepted.values()) cupsAcceptedByPrinter.set(uri, [...(cupsAcceptedByPrinter.get(uri) ?? []), at]);
  const cupsUtilisation = meanUtilisation(cupsSamples, cupsAcceptedByPrinter);
  const cupsJobsPerMin = COUNTS.backlog / ((cupsDone - cupsStart) / 60_000);
  log(`CUPS backlog of ${COUNTS.backlog} × 10 pages on a class of ${PRINTERS} printers: ${round(cupsJobsPerMin)} jobs/min, mean utilisation ${Math.round(cupsUtilisation * 100)} %`);
  if (workerErrors.trim()) console.log(`worker stderr (tail):\n${workerErrors.trim().split('\n').slice(-5).join('\n')}`);

  await closeAppDb();
  const ratio = (ours: number[], theirs: number[]) => Math.round((percentile(ours, 50) / percentile(theirs, 50)) * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      backend: BACKEND,
      quick: isQuick,
      printers: PRINTERS,
      pages_per_minute: PPM,
      jobs: 2 * COUNTS.latency + COUNTS.latency100 + COUNTS.backlog,
      paid_to_accepted_p50_ms: round(percentile(lat10, 50)),
      paid_to_accepted_p95_ms: round(percentile(lat10, 95)),
      paid_to_accepted_real_p50_ms: round(percentile(latReal, 50)),
      paid_to_accepted_real_p95_ms: round(percentile(latReal, 95)),
      paid_to_accepted_100p_p50_ms: round(percentile(lat100, 50)),
      paid_to_accepted_100p_p95_ms: round(percentile(lat100, 95)),
      cups_submit_to_accepted_p50_ms: round(percentile(cups10, 50)),
      cups_submit_to_accepted_p95_ms: round(percentile(cups10, 95)),
      cups_idle_submit_to_accepted_p50_ms: round(percentile(cups10, 50)),
      cups_idle_real_p50_ms: round(percentile(cupsReal, 50)),
      cups_idle_100p_p50_ms: round(percentile(cups100, 50)),
      paid_over_cups_p50: ratio(lat10, cups10),
      paid_over_cups_real_p50: ratio(latReal, cupsReal),
      paid_over_cups_100p_p50: ratio(lat100, cups100),
      real_document_pages: REAL_DOCUMENT_PAGES,
      jobs_per_min: round(jobsPerMin),
      printer_utilisation: Math.round(utilisation * 1000) / 1000,
      cups_backlog_printers: PRINTERS,
      cups_jobs_per_min: round(cupsJobsPerMin),
      cups_printer_utilisation: Math.round(cupsUtilisation * 1000) / 1000,
      jobs_per_min_over_cups: Math.round((jobsPerMin / cupsJobsPerMin) * 100) / 100,
    }),
  );
}

runBench(main);
