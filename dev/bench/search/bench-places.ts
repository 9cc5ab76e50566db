/**
 * Place search benchmark (npm run bench:places): seeds N shops clustered like real cities
 * (the search benchmark's seeder) into a scratch database of its own, gives them varied names,
 * streets and postcodes, then measures in one run, one connection, sequentially:
 *   (a) the gazetteer alone (searchPlaces, what GET /api/places was before it knew shops),
 *   (b) the shop match alone (searchShopPlaces: pg_trgm on the partial GIN indexes),
 *   (c) the whole local place search (findPlaces without a geocoder),
 * over the same typed texts (town prefixes, streets, shop names, postcodes, a third misspelt),
 * prints p50/p95/p99, shows from EXPLAIN that the trigram indexes are used, and ends with one
 * JSON line for scripts.
 *
 *   tsx dev/bench/search/bench-places.ts [--shops 100000] [--backend postgis|pglite]
 *     [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--queries 400] [--keep]
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { findPlaces } from '@/lib/search/find-places';
import { loadGazetteer } from '@/lib/search/load-gazetteer';
import { searchPlaces, ZSearchPlacesRequest } from '@/lib/search/search-places';
import { searchShopPlaces } from '@/lib/search/search-shop-places';
import { benchCities, cityPicker, mulberry32, pointNear, seedBenchShops } from './seed-bench-shops';
import { createBenchDatabase, type TBenchDatabase } from './bench-database';

const { values: args } = parseArgs({
  options: {
    shops: { type: 'string', default: '100000' },
    backend: { type: 'string', default: 'postgis' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    queries: { type: 'string', default: '400' },
    keep: { type: 'boolean', default: false },
  },
});

const SHOPS = Number(args.shops);
const QUERIES = Number(args.queries);
const WARMUP = 30;
const log = (line = '') => console.log(line);

/** Words the varied shop names and streets are made of (deterministic from each shop's row number). */
const NAME_WORDS = [
  'Liffey',
  'Grafton',
  'Harbour',
  'Maple',
  'Station',
  'Market',
  'Castle',
  'River',
  'Abbey',
  'Bridge',
  'Mill',
  'Park',
  'Quay',
  'Kings',
  'Queens',
  'Oak',
  'Hill',
  'Church',
  'Garden',
  'Union',
  'Victoria',
  'Albert',
  'Elm',
  'Cedar',
  'Meadow',
  'Harcourt',
  'Camden',
  'Baggot',
  'Dame',
  'Capel',
];
const NAME_KINDS = ['Print', 'Copy Centre', 'Printworks', 'Digital', 'Copies', 'Print Shop', 'Reprographics', 'Press', 'Imaging', 'Print Lab'];
const STREET_KINDS = ['Street', 'Road', 'Lane', 'Avenue', 'Quay', 'Square', 'Row', 'Parade', 'Terrace', 'Place'];

type TDatabase = TBenchDatabase;

function createDatabase(): Promise<TDatabase> {
  return createBenchDatabase({ backend: args.backend === 'pglite' ? 'pglite' : 'postgis', adminUrl: args['database-url'], name: `nearprint_bench_places_${process.pid}`, keep: args.keep });
}

/** Names like "Harbour Maple Copy Centre", streets like "112 Castle Road", postcodes like "K37 A1B2": many near-duplicates, as in a real city. */
async function varyShopText(sql: postgres.Sql): Promise<void> {
  await sql`
    WITH numbered AS (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM shops)
    UPDATE shops s SET
      name = (${NAME_WORDS}::text[])[1 + (n.n % ${NAME_WORDS.length})] || ' ' || (${NAME_WORDS}::text[])[1 + ((n.n / 7) % ${NAME_WORDS.length})] || ' ' || (${NAME_KINDS}::text[])[1 + ((n.n / 3) % ${NAME_KINDS.length})],
      address_line = (1 + n.n % 240)::text || ' ' || (${NAME_WORDS}::text[])[1 + ((n.n / 11) % ${NAME_WORDS.length})] || ' ' || (${STREET_KINDS}::text[])[1 + ((n.n / 5) % ${STREET_KINDS.length})],
      postcode = chr(65 + (n.n % 26)::int) || lpad(((n.n / 26) % 100)::text, 2, '0') || ' ' || upper(substr(md5(s.id::text), 1, 4))
    FROM numbered n WHERE n.id = s.id`;
  await sql`ANALYZE shops`;
}

/** One typo: a letter dropped from the middle. */
const misspell = (text: string) => (text.length > 5 ? text.slice(0, 3) + text.slice(4) : text);

async function makeQueries(sql: postgres.Sql, count: number): Promise<{ q: string; lat: number; lng: number }[]> {
  const random = mulberry32(11);
  const cities = await benchCities();
  const pick = cityPicker(cities, random);
  const samples = await sql<{ name: string; address_line: string; postcode: string }[]>`SELECT name, address_line, postcode FROM shops WHERE status = 'active' ORDER BY md5(id::text) LIMIT ${count}`;
  return Array.from({ length: count }, (_, i) => {
    const city = pick();
    const point = pointNear(city, random);
    const sample = samples[i % samples.length];
    const street = sample.address_line.replace(/^\d+\s+/, '');
    const texts = [city.name.slice(0, 3 + Math.floor(random() * 5)), street, sample.name, sample.postcode, sample.postcode.replace(' ', '').slice(0, 5)];
    const text = texts[i % texts.length];
    return { q: i % 3 === 2 ? misspell(text) : text, lat: point.lat, lng: point.lng };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
}

async function measure(queries: { q: string; lat: number; lng: number }[], run: (query: { q: string; lat: number; lng: number }) => Promise<number>) {
  const times: number[] = [];
  let found = 0;
  for (const [i, query] of queries.entries()) {
    const started = performance.now();
    const count = await run(query);
    if (i >= WARMUP) {
      times.push(performance.now() - started);
      found += count;
    }
  }
  return { ...summarize(times), meanFound: found / Math.max(1, times.length) };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const line = (label: string, r: { p50: number; p95: number; p99: number; meanFound: number }) =>
  `${label.padEnd(44)} p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  (${r.meanFound.toFixed(1)} found)`;

const database = await createDatabase();
const sql = postgres(database.url, { max: 1, prepare: database.prepare, onnotice: () => {} });
try {
  log(`Database: ${database.describe}`);
  const seedStarted = performance.now();
  await seedBenchShops(sql, { count: SHOPS, seed: 42 });
  await varyShopText(sql);
  log(`Seeded ${SHOPS} shops in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const gazetteer = await loadGazetteer();
  const queries = await makeQueries(sql, QUERIES + WARMUP);
  const request = (query: { q: string; lat: number; lng: number }) => ZSearchPlacesRequest.parse({ q: query.q, lat: String(query.lat), lng: String(query.lng) });

  const gazetteerOnly = await measure(queries, async (query) => searchPlaces(gazetteer, query.q, { limit: 8, near: query }).length);
  const shopsOnly = await measure(queries, async (query) => (await searchShopPlaces(query.q, { near: query, limit: 8, executor: sql })).length);
  const whole = await measure(queries, async (query) => (await findPlaces(request(query), { gazetteer, geocoder: null, executor: sql })).places.length);

  // The two statements searchShopPlaces runs, for a common street word near Shanghai (the densest bench city).
  const plan = await sql.begin(async (tx) => {
    const near = `ST_SetSRID(ST_MakePoint(121.47, 31.23), 4326)::geography`;
    const filter = `s.status = 'active' AND ('Castle Road' <% s.name OR 'Castle Road' <% s.address_line OR 'K37' <% replace(s.postcode, ' ', ''))`;
    await tx`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)`;
    const nearby = await tx.unsafe(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT id FROM shops s WHERE ${filter} AND ST_DWithin(s.location, ${near}, 50000, false)`);
    await tx`SELECT set_config('pg_trgm.word_similarity_threshold', '0.8', true)`;
    await tx`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`;
    const further = await tx.unsafe(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT id FROM shops s WHERE ${filter} LIMIT 20`);
    return [...nearby, ...further];
  });
  const planLines = plan.map((row) => String(row['QUERY PLAN']));
  const isIndexed = ['shops_location_gist', 'shops_name_trgm', 'shops_address_line_trgm', 'shops_postcode_trgm'].every((index) => planLines.some((text) => text.includes(index)));

  log();
  log(`${QUERIES} typed texts (town prefixes, streets, shop names, postcodes; a third misspelt), ${SHOPS} shops, one connection, sequential:`);
  log(line('(a) gazetteer alone (before: towns only)', gazetteerOnly));
  log(line('(b) listed shops alone (GiST near, trigram GIN)', shopsOnly));
  log(line('(c) whole local place search (a + b merged)', whole));
  log(`Location and trigram indexes in the plans: ${isIndexed ? 'yes' : 'NO'}`);
  for (const text of planLines) log(`  ${text}`);
  log(JSON.stringify({ shops: SHOPS, backend: args.backend, gazetteerOnly, shopsOnly, whole, isIndexed }));
} finally {
  await sql.end({ timeout: 5 });
  await database.stop();
}
