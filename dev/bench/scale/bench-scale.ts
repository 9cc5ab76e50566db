/**
 * Scale benchmark and fault test: the production shape from one command (dev/stack/scale: web
 * instances behind a load balancer, workers, PgBouncer, PostgreSQL, an S3 store, demo printers)
 * driven by real clients over HTTP through the load balancer, and broken on purpose.
 *
 *   tsx dev/bench/scale/bench-scale.ts [--quick]
 *
 * 1. Throughput: the same batch of orders with 1, then 2, then 3 workers on the same printers;
 *    each batch is placed (upload, inspection, quote, Checkout), then paid at once, printed and
 *    handed over; jobs per minute from first paid to last printed, with how busy the printers and
 *    the CPU were, to find the knee.
 * 2. Faults: the rest of the orders end to end in a small pool of clients, some followed live by
 *    SSE, while a web instance and a worker are SIGKILLed and started again, PgBouncer restarts
 *    and the object store refuses requests for 10 s.
 * 3. Invariants (the exit code): every paid order printed exactly once or refunded (from the
 *    printers' own job lists), the ledger balanced and reconciled with Stripe, no SSE gap, no
 *    stored file missing; then the figures, the last line being JSON (docs/BENCHMARKS.md).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import postgres from 'postgres';
import { LOCAL_PRINTER_NETWORKS, LOCAL_PRINTER_PORTS } from '@/dev/stack/local-printer-network';
import { startScaleStack, type TScaleStack } from '@/dev/stack/scale/start-scale-stack';
import { createS3DocumentStore } from '@/lib/documents/storage/s3-document-store';
import { atBenchExit, runBench } from '../bench-exit';
import { percentile } from '../percentile';
import { checkInvariants, failedInvariants } from './check-invariants';
import { measureCpu } from './cpu-usage';
import { faultPlan, injectFaults, type TFault } from './fault-injector';
import { findKnee, type TPhaseMeasure } from './find-knee';
import { payOrder, placeOrder, type TPlacedOrder } from './order-driver';
import { startPrinterAudit } from './printer-audit';
import { scaleReport, summaryLines } from './scale-report';
import { signInScaleClients, STREAMS_PER_WATCHER, type TScaleClients } from './scale-clients';
import { startShopDesk, type TOrderOutcome } from './shop-desk';
import { watchOrderStream, type TSseWatch } from './sse-watcher';
import { retryCounts } from './transient-retry';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const isQuick = args.quick;
const ORDERS = isQuick ? 40 : 200;
/** Orders per throughput phase (1, 2, 3 workers); the rest go through the faults. */
const BATCH = isQuick ? 8 : 40;
const FAULT_ORDERS = ORDERS - 3 * BATCH;
const WATCHED_ORDERS = isQuick ? 6 : 12;
const WEB_INSTANCES = 2;
const WORKERS = 3;
/** More than one worker keeps busy: 8 fast printers (every page a second) over 4 demo shops. */
const PRINTERS = 8;
const PRINTER_PAGES_PER_MINUTE = 60;
/** Clients at once: a small pool, as a handful of people ordering at the same time. */
const CLIENTS = isQuick ? 6 : 8;
/** An order not handed over or refunded this long after payment is left to the invariants (lost). */
const SETTLE_TIMEOUT_MS = isQuick ? 120_000 : 240_000;
const STRIPE_EMULATOR_KEY = 'sk_test_nearprint_emulator';

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
const pool = pLimit(CLIENTS);

type TRun = { stack: TScaleStack; clients: TScaleClients; sql: postgres.Sql; desk: ReturnType<typeof startShopDesk>; paidOrderIds: string[]; driverErrors: string[] };

let orderCount = 0;
/** The next order's shop (round robin over the stack's shops) and size (1 to 6 pages). */
function nextOrder(run: TRun, customer = run.clients.customer) {
  orderCount += 1;
  const shop = run.clients.shops[orderCount % run.clients.shops.length];
  return { actions: run.clients.actions, customer, shopId: shop.shopId, pages: 1 + ((orderCount * 7) % 6), label: `scale-order-${orderCount}` };
}

async function pay(run: TRun, order: TPlacedOrder): Promise<void> {
  await payOrder(order, { url: run.stack.stripe.url, secretKey: STRIPE_EMULATOR_KEY });
  run.paidOrderIds.push(order.orderId);
}

/** Waits for the counter to hand the order over (or the shop to refund it), within SETTLE_TIMEOUT_MS. */
async function settled(run: TRun, order: TPlacedOrder): Promise<TOrderOutcome | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SETTLE_TIMEOUT_MS)));
  const outcome = await Promise.race([run.desk.settled(order), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') run.driverErrors.push(`order ${order.orderId} not handed over within ${SETTLE_TIMEOUT_MS / 1000} s of payment`);
  return outcome;
}

/** Exactly `count` workers running, the others stopped (SIGTERM: they finish nothing, their leases run out). */
async function runWorkers(stack: TScaleStack, count: number): Promise<void> {
  for (const [i, worker] of stack.workers.entries()) {
    if (i < count && !worker.running()) await worker.start();
    if (i >= count && worker.running()) await worker.kill('SIGTERM');
  }
}

/** One throughput phase: a batch placed, then paid at once; measured from first paid to last printed. */
async function throughputPhase(run: TRun, workers: number, audit: ReturnType<typeof startPrinterAudit>): Promise<TPhaseMeasure> {
  await runWorkers(run.stack, workers);
  const placed = await Promise.all(Array.from({ length: BATCH }, () => pool(() => placeOrder(nextOrder(run)))));
  const cpuBusy = measureCpu();
  const paidFrom = Date.now();
  await Promise.all(placed.map((order) => pool(() => pay(run, order))));
  await Promise.all(placed.map((order) => settled(run, order)));
  const cpu = cpuBusy();
  const [span] = await run.sql<{ first_paid: Date | null; last_printed: Date | null; jobs: string }[]>`
    select min(o.paid_at) as first_paid, max(e.created_at) as last_printed, count(distinct e.job_id) as jobs
    from orders o join events e on e.order_id = o.id and e.type = 'job.printed'
    where o.id = any(${placed.map((o) => o.orderId)}::uuid[])`;
  const jobs = Number(span.jobs);
  const minutes = span.first_paid && span.last_printed ? (span.last_printed.getTime() - span.first_paid.getTime()) / 60_000 : NaN;
  const measure = { workers, jobs, jobsPerMin: jobs / minutes, printersBusy: audit.busyShare(paidFrom, span.last_printed?.getTime() ?? Date.now()), cpuBusy: cpu };
  log(
    `${workers} worker(s): ${jobs} jobs in ${(minutes * 60).toFixed(1)} s = ${measure.jobsPerMin.toFixed(1)} jobs/min; printers ${Math.round(measure.printersBusy * 100)} % busy, CPU ${Math.round(cpu * 100)} %`,
  );
  return measure;
}

/**
 * The fault phase: every order end to end in the client pool while the faults are injected.
 * The first WATCHED_ORDERS are placed by watcher customers who keep the order's live stream
 * open; the last few wait for the last fault to begin, so orders are in flight through all of them.
 */
async function faultPhase(run: TRun): Promise<{ faults: TFault[]; watches: TSseWatch[]; sseReconnects: number }> {
  await runWorkers(run.stack, WORKERS);
  const streams: ReturnType<typeof watchOrderStream>[] = [];
  let paidInPhase = 0;
  /** Watched orders whose live page is open, or whose client gave up before (so the faults never wait for it in vain). */
  let watchedReady = 0;
  let lastFaultBegun: () => void = () => {};
  const isLastFaultBegun = new Promise<void>((resolve) => (lastFaultBegun = resolve));
  const faultCount = faultPlan(run.stack).length;
  const spacing = Math.max(1, Math.floor(FAULT_ORDERS / (faultCount + 2)));
  const faults = injectFaults(run.stack, {
    // The first fault (a web instance killed) waits for every live page to be open, so some of their streams die with it.
    isDue: (index) => {
      const isDue = paidInPhase >= 1 + index * spacing && (index > 0 || watchedReady >= Math.min(WATCHED_ORDERS, FAULT_ORDERS));
      if (isDue && index === faultCount - 1) lastFaultBegun();
      return isDue;
    },
    gapMs: 2_000,
    log,
  });
  const drive = async (index: number) => {
    if (index >= FAULT_ORDERS - CLIENTS) await isLastFaultBegun;
    const watcher = index < WATCHED_ORDERS ? run.clients.watchers[Math.floor(index / STREAMS_PER_WATCHER)] : undefined;
    let isPaid = false;
    try {
      const order = await placeOrder(nextOrder(run, watcher)).finally(() => (watchedReady += watcher ? 1 : 0));
      if (watcher) streams.push(watchOrderStream(watcher, order.orderId));
      await pay(run, order);
      isPaid = true;
      paidInPhase += 1;
      await settled(run, order);
    } catch (error) {
      run.driverErrors.push((error as Error).message);
      // A client that gave up must not hold the faults back.
      if (!isPaid) paidInPhase += 1;
    }
  };
  await Promise.all(Array.from({ length: FAULT_ORDERS }, (_, index) => pool(() => drive(index))));
  const injected = await faults;
  // Each stream has until its order's last event has arrived (a stream polls every second).
  const deadline = Date.now() + 20_000;
  for (const stream of streams) {
    const due = (await run.sql<{ id: string }[]>`select id from events where order_id = ${stream.watch.orderId}`).map((row) => Number(row.id));
    stream.watch.due = due;
    while (!due.every((id) => stream.watch.received.includes(id)) && Date.now() < deadline) await sleep(200);
  }
  const watches = await Promise.all(streams.map((s) => s.stop()));
  return { faults: injected, watches, sseReconnects: watches.reduce((sum, w) => sum + w.reconnects, 0) };
}

/** Paid → accepted by the printer (job.printing), per order, over the whole run. */
async function paidToAccepted(sql: postgres.Sql, orderIds: string[]): Promise<{ p50: number; p95: number }> {
  const rows = await sql<{ ms: number }[]>`
    select extract(epoch from min(e.created_at) - o.paid_at) * 1000 as ms
    from orders o join events e on e.order_id = o.id and e.type = 'job.printing'
    where o.id = any(${orderIds}::uuid[]) group by o.id, o.paid_at`;
  const values = rows.map((r) => Number(r.ms));
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** Refunds still on their way to Stripe are waited for (up to 30 s), so reconciliation compares finished work. */
async function waitForRefunds(sql: postgres.Sql): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ pending: string }[]>`select count(*) as pending from refunds where status = 'pending'`;
    if (Number(row.pending) === 0) return;
    await sleep(500);
  }
}

async function main(): Promise<void> {
  // The demo printers listen on loopback, which a deployment's printer address gate refuses.
  process.env.PRINTER_ALLOWED_NETWORKS ||= LOCAL_PRINTER_NETWORKS;
  process.env.PRINTER_ALLOWED_PORTS ||= LOCAL_PRINTER_PORTS;
  const stack = await startScaleStack({
    webInstances: WEB_INSTANCES,
    workers: WORKERS,
    printers: PRINTERS,
    printerPagesPerMinute: PRINTER_PAGES_PER_MINUTE,
    databaseName: `nearprint_scale_bench_${process.pid}`,
    log: (line) => log(`stack: ${line}`),
  });
  atBenchExit(stack.stop);
  log(`stack up at ${stack.url}: ${stack.web.length} web instances, ${stack.workers.length} workers, ${stack.printers.length} printers`);
  // The app's modules (reconciliation) read the same settings as the stack's processes.
  Object.assign(process.env, stack.childEnv);
  const { closeDb } = await import('@/db/client');
  atBenchExit(closeDb);
  const sql = postgres(stack.directDatabaseUrl, { max: 2, onnotice: () => {} });
  atBenchExit(() => sql.end());
  const audit = startPrinterAudit(stack.printers.map((p) => p.uri));
  const stopAudit = atBenchExit(audit.stop);

  const clients = await signInScaleClients({ baseUrl: stack.url, shopNames: stack.printers.map((p) => p.shopName), watchedOrders: WATCHED_ORDERS });
  const desk = startShopDesk({ baseUrl: stack.url, keys: clients.shops, log });
  const stopDesk = atBenchExit(desk.stop);
  const run: TRun = { stack, clients, sql, desk, paidOrderIds: [], driverErrors: [] };
  log(`${clients.shops.length} shops, ${ORDERS} orders: ${BATCH} per throughput phase, ${FAULT_ORDERS} through the faults, ${CLIENTS} clients at once`);

  const phases: TPhaseMeasure[] = [];
  for (const workers of [1, 2, 3]) phases.push(await throughputPhase(run, workers, audit));
  const { faults, watches, sseReconnects } = await faultPhase(run);

  await stopDesk();
  await waitForRefunds(sql);
  const { completedByName } = (await stopAudit()) as Awaited<ReturnType<typeof audit.stop>>;
  const { reconcileWithStripe } = await import('@/lib/billing/reconcile');
  const invariants = await checkInvariants({
    sql,
    paidOrderIds: run.paidOrderIds,
    completedByName,
    reconciliation: await reconcileWithStripe(),
    watches,
    store: createS3DocumentStore(stack.s3),
  });
  const failed = [
    ...failedInvariants(invariants, faults.filter((f) => f.isInjected).length, faults.length),
    // Only the processes the faults kill may die: any other death is a crash the faults caused.
    ...stack.crashes.map((crash) => `crashed: ${crash}`),
    ...run.driverErrors.slice(0, 5).map((e) => `client: ${e}`),
  ];
  const report = scaleReport({
    isQuick,
    webInstances: stack.web.length,
    workers: stack.workers.length,
    printers: stack.printers.length,
    invariants,
    faults,
    phases,
    paidToAccepted: await paidToAccepted(sql, run.paidOrderIds),
    knee: findKnee(phases),
  });
  for (const line of summaryLines(report, { invariants, faults, phases, retries: retryCounts, sseReconnects, failed })) console.log(line);
  console.log(JSON.stringify(report));
  if (failed.length) process.exitCode = 1;
}

// A failed invariant fails the run (the exit code); its reasons are in the summary above the JSON line.
runBench(async () => {
  await main();
  if (process.exitCode) throw new Error('bench:scale: invariants failed (see the summary)');
});
