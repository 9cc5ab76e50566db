/**
 * Search benchmark (npm run bench:search): seeds N shops clustered like real cities into a
 * scratch database of its own, then measures in one run
 *   (a) the search SQL alone (lib/search searchShopsQuery, one connection, sequential),
 *   (b) GET /api/shops/search under concurrent load from autocannon on loopback, served by
 *       `next start` of the production build (the route users hit), then by search-server.ts
 *       (the same validation, lib call and JSON without Next: the framework's share),
 *   (c) a naive baseline: load every shop, distance with turf, filter and sort in JS,
 * prints p50/p95/p99 and the ratios, shows from EXPLAIN that the GiST index is used, and
 * ends with one JSON line for scripts.
 *
 *   tsx dev/bench/search/bench-search.ts [--shops 10000] [--backend postgis|pglite]
 *     [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--queries 400]
 *     [--duration 10] [--connections <cores>] [--naive-runs 20] [--keep]
 *
 * postgis: creates nearprint_bench_<pid> on the server at --database-url (or
 * BENCH_DATABASE_URL), drops it afterwards unless --keep. pglite: an in-memory embedded
 * database served from this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { distance } from '@turf/turf';
import autocannon, { type TResult } from 'autocannon';
import postgres from 'postgres';
import { freePort } from '@/dev/lib/free-port';
import { searchShopsQuery } from '@/lib/search/search-shops';
import { SEARCH_SORTS, ZSearchShopsRequest, type TSearchShopsRequest } from '@/lib/search/search-shops-request';
import { impressionsFromCounts } from '@/lib/quote/impressions';
import { benchCities, cityPicker, mulberry32, pointNear, seedBenchShops } from './seed-bench-shops';
import { createBenchDatabase, type TBenchDatabase } from './bench-database';
import { atBenchExit, runBench } from '../bench-exit';

const { values: args } = parseArgs({
  options: {
    shops: { type: 'string', default: '10000' },
    backend: { type: 'string', default: 'postgis' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    queries: { type: 'string', default: '400' },
    duration: { type: 'string', default: '10' },
    // As many connections as cores: the run measures the server, not the queue of an oversubscribed machine.
    connections: { type: 'string', default: String(Math.max(2, os.cpus().length)) },
    'naive-runs': { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});

const SHOPS = Number(args.shops);
const BACKEND = args.backend === 'pglite' ? 'pglite' : 'postgis';
const QUERIES = Number(args.queries);
const WARMUP = 30;
const log = (line = '') => console.log(line);

type TDatabase = TBenchDatabase;

function createDatabase(): Promise<TDatabase> {
  return createBenchDatabase({ backend: BACKEND, adminUrl: args['database-url'], name: `nearprint_bench_${process.pid}`, keep: args.keep });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Searches people would make: around cities in proportion to their population, mixed jobs, every sort. */
async function makeQueries(count: number): Promise<TSearchShopsRequest[]> {
  const random = mulberry32(7);
  const pick = cityPicker(await benchCities(), random);
  return Array.from({ length: count }, (_, i) => {
    const point = pointNear(pick(), random);
    const pageCount = 1 + Math.floor(random() * 50);
    return ZSearchShopsRequest.parse({
      lat: point.lat.toFixed(5),
      lng: point.lng.toFixed(5),
      pageCount,
      colorPageCount: random() < 0.4 ? Math.floor(random() * pageCount) : 0,
      copies: 1 + Math.floor(random() * 3),
      sides: random() < 0.3 ? 'two-sided-long-edge' : 'one-sided',
      media: random() < 0.9 ? 'iso_a4_210x297mm' : 'iso_a3_297x420mm',
      openNow: i % 10 === 9 ? 'true' : 'false',
      sort: SEARCH_SORTS[i % SEARCH_SORTS.length],
    });
  });
}

function toPath(request: TSearchShopsRequest): string {
  const { offers, ...rest } = request;
  const params = new URLSearchParams(Object.entries(rest).map(([key, value]) => [key, String(value)]));
  if (offers.length) params.set('offers', offers.join(','));
  return `/api/shops/search?${params}`;
}

async function measureSql(sql: postgres.Sql, queries: TSearchShopsRequest[]) {
  const times: number[] = [];
  const bySort = new Map<string, number[]>();
  let found = 0;
  for (const [i, request] of queries.entries()) {
    const started = performance.now();
    const rows = await searchShopsQuery(sql, request, impressionsFromCounts(request, request), new Date());
    const elapsed = performance.now() - started;
    if (i >= WARMUP) {
      times.push(elapsed);
      const key = request.openNow ? 'open now' : request.sort;
      bySort.set(key, [...(bySort.get(key) ?? []), elapsed]);
      found += Number(rows[0]?.total_count ?? 0);
    }
  }
  const perSort = [...bySort].map(([key, samples]) => `${key} ${ms(summarize(samples).p95)}`).join(', ');
  return { ...summarize(times), meanFound: found / times.length, perSort };
}

type TPlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: TPlanNode[] };

function findIndexScans(node: TPlanNode, out: string[] = []): string[] {
  if (node['Index Name']) out.push(`${node['Node Type']} using ${node['Index Name']} on ${node['Relation Name']}`);
  for (const child of node.Plans ?? []) findIndexScans(child, out);
  return out;
}

async function explain(sql: postgres.Sql, request: TSearchShopsRequest) {
  const query = () => searchShopsQuery(sql, request, impressionsFromCounts(request, request), new Date());
  const [json] = await sql<{ 'QUERY PLAN': { Plan: TPlanNode }[] }[]>`EXPLAIN (FORMAT JSON) ${query()}`;
  const scans = findIndexScans(json['QUERY PLAN'][0].Plan);
  const text = await sql<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${query()}`;
  const lines = text.map((row) => row['QUERY PLAN']);
  const gistAt = lines.findIndex((line) => line.includes('shops_location_gist'));
  return { isGistUsed: scans.some((scan) => scan.includes('shops_location_gist')), excerpt: gistAt >= 0 ? lines.slice(gistAt, gistAt + 3) : lines.slice(0, 8) };
}

async function startServer(database: TDatabase): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/bench/search/search-server.ts'], {
    env: { ...process.env, DATABASE_URL: database.url, DATABASE_PREPARE: String(database.prepare), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`search-server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /\{"port":(\d+)\}/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return { port, child };
}

/**
 * The app itself, as users reach it: `next start` of the production build (proxy, route,
 * zod, searchShops, JSON) on the bench's database. The build comes from dev/build-if-stale.sh.
 */
async function startNextServer(database: TDatabase): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATABASE_PREPARE: String(database.prepare),
      NODE_ENV: 'production',
      // A local stack, as the demo's: dev secrets and the Stripe emulator's settings are allowed.
      NEARPRINT_ALLOW_DEV_DEFAULTS: 'true',
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'bench-search-secret-bench-search-secret',
      APP_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const status = await fetch(`http://127.0.0.1:${port}/api/shops/search?lat=53.35&lng=-6.26`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { port, child };
    if (Date.now() > deadline) throw new Error(`next start did not answer the search route within 60 s (last status ${status}).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function measureHttp(port: number, paths: string[]) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const result = await new Promise<TResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: Number(args.connections),
        duration: Number(args.duration),
        requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', path: paths[next++ % paths.length] }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  return { ...summarize(times), rps: result.requests.total / result.duration, errors: result.errors + result.timeouts, statuses: Object.fromEntries(statuses) };
}

/**
 * What search would cost without PostGIS: every shop row over the wire, distance with turf,
 * filter and sort in JS. `columns: 'all'` is the naive code as written (`SELECT *`, what an
 * ORM's findMany does); 'lean' fetches only the columns the filter and sort read, the best
 * the approach can do.
 */
async function measureNaive(sql: postgres.Sql, queries: TSearchShopsRequest[], runs: number, columns: 'all' | 'lean') {
  const times: number[] = [];
  let found = 0;
  for (const request of queries.slice(0, runs)) {
    const started = performance.now();
    type TRow = { id: string; lat: number; lng: number; cap_pages_per_minute: number; status: string };
    const shops = columns === 'all' ? await sql<TRow[]>`SELECT * FROM shops` : await sql<TRow[]>`SELECT id, lat, lng, cap_pages_per_minute, status FROM shops`;
    const here: [number, number] = [request.lng, request.lat];
    const page = shops
      .filter((shop) => shop.status === 'active' && shop.cap_pages_per_minute > 0)
      .map((shop) => ({ shop, km: distance(here, [shop.lng, shop.lat], { units: 'kilometers' }) }))
      .filter((entry) => entry.km <= request.radiusKm)
      .sort((a, b) => a.km - b.km || (a.shop.id < b.shop.id ? -1 : 1))
      .slice(0, request.pageSize);
    times.push(performance.now() - started);
    found += page.length;
  }
  return { ...summarize(times), meanPage: found / times.length };
}

async function main(): Promise<void> {
  const started = performance.now();
  log(`Search benchmark: ${SHOPS.toLocaleString('en')} shops on ${BACKEND}`);
  log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`);
  const database = await createDatabase();
  atBenchExit(database.stop);
  const sql = postgres(database.url, { max: 1, prepare: database.prepare, onnotice: () => {} });
  atBenchExit(() => sql.end({ timeout: 5 }));
  const [version] = await sql<{ pg: string; postgis: string }[]>`SELECT version() AS pg, postgis_lib_version() AS postgis`;
  log(`Database: ${database.describe}; ${version.pg.split(',')[0]}, PostGIS ${version.postgis}`);

  const seedStarted = performance.now();
  await seedBenchShops(sql, { count: SHOPS, seed: 42, onProgress: (done) => process.stdout.isTTY && process.stdout.write(`\rSeeding… ${done.toLocaleString('en')}`) });
  if (process.stdout.isTTY) process.stdout.write('\r');
  log(
    `Seeded ${SHOPS.toLocaleString('en')} shops around the ${(3000).toLocaleString('en')} largest cities, with hours, prices and printers, in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const queries = await makeQueries(QUERIES + WARMUP);
  log(`Queries: ${QUERIES} searches (after ${WARMUP} warm-up) within 5 km of population-weighted points, all four sorts, 1 in 10 open now`);

  const plan = await explain(sql, queries[0]);
  log('');
  log(`EXPLAIN: GiST index ${plan.isGistUsed ? 'used' : 'NOT used'}`);
  for (const line of plan.excerpt) log(`  ${line}`);

  const sqlStats = await measureSql(sql, queries);
  log('');
  log(`(a) SQL alone:  p50 ${ms(sqlStats.p50)}  p95 ${ms(sqlStats.p95)}  p99 ${ms(sqlStats.p99)}  (n=${sqlStats.n}, ${sqlStats.meanFound.toFixed(0)} shops found per search on average)`);
  log(`    p95 by sort: ${sqlStats.perSort}`);

  const paths = queries.map(toPath);
  const nextStarted = await startNextServer(database);
  const stopNext = atBenchExit(() => stopChild(nextStarted.child));
  const nextStats = await measureHttp(nextStarted.port, paths);
  await stopNext();
  log(
    `(b) HTTP, Next: p50 ${ms(nextStats.p50)}  p95 ${ms(nextStats.p95)}  p99 ${ms(nextStats.p99)}  ${nextStats.rps.toFixed(0)} req/s  (next start, the route users hit; ${args.connections} connections for ${args.duration} s, statuses ${JSON.stringify(nextStats.statuses)}, errors ${nextStats.errors})`,
  );
  const started2 = await startServer(database);
  atBenchExit(() => stopChild(started2.child));
  const httpStats = await measureHttp(started2.port, paths);
  log(
    `    stand-in:   p50 ${ms(httpStats.p50)}  p95 ${ms(httpStats.p95)}  p99 ${ms(httpStats.p99)}  ${httpStats.rps.toFixed(0)} req/s  (node:http doing the route's work without Next: the framework's share is the difference)`,
  );

  const naiveStats = await measureNaive(sql, queries, Number(args['naive-runs']), 'all');
  log(
    `(c) Naive:      p50 ${ms(naiveStats.p50)}  p95 ${ms(naiveStats.p95)}  p99 ${ms(naiveStats.p99)}  (n=${naiveStats.n}: SELECT * FROM shops, turf distance, JS sort; ${naiveStats.meanPage.toFixed(0)} results per page)`,
  );
  const leanStats = await measureNaive(sql, queries, Number(args['naive-runs']), 'lean');
  log(`    lean naive: p50 ${ms(leanStats.p50)}  p95 ${ms(leanStats.p95)}  (only id, lat, lng, status, speed fetched)`);

  const httpOverSql = httpStats.p95 / sqlStats.p95;
  const nextOverSql = nextStats.p95 / sqlStats.p95;
  const speedup = naiveStats.p95 / sqlStats.p95;
  log('');
  log(
    `Next p95 / SQL p95 = ${nextOverSql.toFixed(2)}× (stand-in ${httpOverSql.toFixed(2)}×)   naive p95 / SQL p95 = ${speedup.toFixed(1)}× (lean naive ${(leanStats.p95 / sqlStats.p95).toFixed(1)}×)   total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const round = (value: number) => Math.round(value * 100) / 100;
  log(
    JSON.stringify({
      bench: 'search',
      backend: BACKEND,
      shops: SHOPS,
      sql_p50_ms: round(sqlStats.p50),
      sql_p95_ms: round(sqlStats.p95),
      sql_p99_ms: round(sqlStats.p99),
      http_p50_ms: round(httpStats.p50),
      http_p95_ms: round(httpStats.p95),
      http_p99_ms: round(httpStats.p99),
      http_rps: Math.round(httpStats.rps),
      next_http_p50_ms: round(nextStats.p50),
      next_http_p95_ms: round(nextStats.p95),
      next_http_rps: Math.round(nextStats.rps),
      next_over_sql_p95: round(nextOverSql),
      naive_p50_ms: round(naiveStats.p50),
      naive_p95_ms: round(naiveStats.p95),
      naive_lean_p95_ms: round(leanStats.p95),
      http_over_sql_p95: round(httpOverSql),
      speedup_vs_naive: round(speedup),
      speedup_vs_lean_naive: round(leanStats.p95 / sqlStats.p95),
      gist_index_used: plan.isGistUsed,
      queries: sqlStats.n,
      connections: Number(args.connections),
      mean_shops_found: round(sqlStats.meanFound),
    }),
  );
}

/** SIGTERM, and the exit awaited, so the database it uses can be dropped after it. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

runBench(main, (error) => `Search benchmark failed: ${(error as Error).stack ?? String(error)}`);
