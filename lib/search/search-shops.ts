import { z } from 'zod';
import { rawSql, type TSql } from '@/db/client';
import { env } from '@/lib/config/env';
import { FINISHINGS, isDuplex, type TFinishing } from '@/lib/job-options/job-options';
import { isKnownMedia, type TMedia } from '@/lib/job-options/media';
import { impressionsFromCounts, type TImpressions } from '@/lib/quote/impressions';
import { quoteJob, type TQuote, type TQuoteLine, type TQuoteResult } from '@/lib/quote/quote-job';
import type { TFinishingPriceRow, TPriceRow } from '@/lib/shops/shop-schemas';
import { explainRank, type TRankExplanation } from './explain-rank';
import type { TSearchShopsRequest, TSearchSort } from './search-shops-request';

/**
 * Best value = total price + this many minor units per km of distance: walking 1 km further
 * is worth 40 cents. Small enough that a much cheaper shop a few km away still wins, large
 * enough to break near-ties in favour of the closer shop.
 */
export const BEST_VALUE_MINOR_PER_KM = 40;

/**
 * Best value also adds this many minor units per hour until the job is ready (ready_at minus
 * now), so a shop that has it ready this afternoon beats one that is closed until Monday at
 * the same price and distance: 20 cents an hour, 1 km ≈ 2 hours of waiting.
 */
export const BEST_VALUE_MINOR_PER_HOUR = 20;
/** Waiting counts for at most this many hours (also when a shop has no ready time at all). */
export const BEST_VALUE_MAX_WAIT_HOURS = 48;

/** Minutes added to every ready estimate for the counter: taking the job off the tray, checking, bagging. */
export const HANDLING_MINUTES = 5;

export type TOpeningHoursToday = {
  /** The shop's local date, YYYY-MM-DD. */
  date: string;
  /** Minutes after local midnight; closes may pass 1440 (after midnight). */
  intervals: { opensMinute: number; closesMinute: number }[];
  /** A dated exception replaces the weekly hours today (holiday, short day). */
  isException: boolean;
  note: string | null;
};

export type TShopSearchResult = {
  shop: { id: string; name: string; addressLine: string; city: string; postcode: string; lat: number; lng: number; timezone: string };
  /** Great-circle distance from the search point, metres. */
  distanceM: number;
  /** The exact price of this job at this shop, as quoteJob computes it (minor units). */
  price: { currency: string; lines: TQuoteLine[]; totalMinor: number };
  hours: {
    isOpen: boolean;
    /** ISO instants with the shop's UTC offset. closesAt when open, opensAt (next opening) when closed. */
    closesAt: string | null;
    opensAt: string | null;
    today: TOpeningHoursToday;
  };
  ready: {
    /** Null when the shop does not open within two weeks. */
    readyAt: string | null;
    /** Impressions queued before this job, and this job's own (all copies). */
    backlogImpressions: number;
    jobImpressions: number;
    pagesPerMinute: number;
    /**
     * The work runs past the end of the opening it starts in (the shop closes first), so the
     * job is finished at a later opening: readyAt already says when.
     */
    isAfterClosing: boolean;
    /** When the work would have to be finished to be ready before closing (the end of that opening). */
    workStopsAt: string | null;
  };
  capabilities: { color: boolean; duplex: boolean; media: TMedia[]; finishings: TFinishing[]; pagesPerMinute: number };
  rank: TRankExplanation;
};

export type TSearchShopsResponse = {
  results: TShopSearchResult[];
  /** All matching shops, over every page. */
  total: number;
  page: number;
  pageSize: number;
  /** The instant the search was made for (open now, ready times). */
  at: string;
  currency: string;
  /** Per copy, from impressionsFromCounts; what every shop's price is computed from. */
  impressions: TImpressions;
};

const ORDER_BY: Record<TSearchSort, string> = {
  best_value: 'score_minor, total_minor, distance_m, ready_at NULLS LAST, id',
  nearest: 'distance_m, total_minor, id',
  cheapest: 'total_minor, distance_m, id',
  soonest: 'ready_at NULLS LAST, total_minor, distance_m, id',
};

const int = z.coerce.number().int();
const ZSearchRow = z.object({
  total_count: int,
  id: z.string().nullable(),
});
const ZResultRow = z.object({
  id: z.string(),
  position: int,
  name: z.string(),
  address_line: z.string(),
  city: z.string(),
  postcode: z.string(),
  lat: z.number(),
  lng: z.number(),
  timezone: z.string(),
  distance_m: z.number(),
  job_fee_minor: int,
  minimum_charge_minor: int,
  cap_color: z.boolean(),
  cap_duplex: z.boolean(),
  cap_media: z.array(z.string()),
  cap_pages_per_minute: int,
  offered_finishings: z.array(z.enum(FINISHINGS)),
  mono_unit: int.nullable(),
  color_unit: int.nullable(),
  finishing_unit: int.nullable(),
  finishing_is_manual: z.boolean().nullable(),
  mono_amount: int,
  color_amount: int,
  finishing_amount: int,
  job_fee_amount: int,
  minimum_top_up: int,
  total_minor: int,
  distance_cost_minor: int,
  wait_cost_minor: int,
  score_minor: int,
  is_open: z.boolean(),
  closes_at_iso: z.string().nullable(),
  opens_at_iso: z.string().nullable(),
  ready_at_iso: z.string().nullable(),
  work_stops_at_iso: z.string().nullable(),
  is_after_closing: z.boolean(),
  backlog_impressions: int,
  local_date: z.string(),
  today_hours: z.array(z.tuple([int, int])).nullable(),
  today_exception: z.boolean(),
  today_note: z.string().nullable(),
});
type TResultRow = z.infer<typeof ZResultRow>;

/**
 * The customer's search: every active shop within the radius that can print this job, with
 * the job's exact price, distance, open state in the shop's own zone and a ready estimate,
 * ranked and paged. One SQL statement: ST_DWithin on the geography GiST index picks the
 * candidates; capabilities, prices, hours and queue are joined per candidate. The page and
 * GET /api/shops/search both call this.
 *
 * Price: the SQL computes each quote line and the total from the shop's price rows (it has to,
 * to rank and page by price); the lines shown come from quoteJob on the same price rows, and
 * the two must agree line by line or the search fails loudly (a divergence is a bug that
 * would show one price and charge another).
 */
export async function searchShops(request: TSearchShopsRequest, options: { now?: Date; executor?: TSql; currency?: string } = {}): Promise<TSearchShopsResponse> {
  const executor = options.executor ?? rawSql();
  const now = options.now ?? new Date();
  const currency = options.currency ?? env().CURRENCY;
  const impressions = impressionsFromCounts({ pageCount: request.pageCount, colorPageCount: request.colorPageCount }, request);
  const rows: Record<string, unknown>[] = await searchShopsQuery(executor, request, impressions, now);
  const total = rows.length ? ZSearchRow.parse(rows[0]).total_count : 0;
  const at = now.toISOString();
  const results = rows.filter((row) => row.id !== null).map((row) => toResult(ZResultRow.parse(row), { request, impressions, currency, at }));
  return { results, total, page: request.page, pageSize: request.pageSize, at, currency, impressions };
}

/**
 * The search statement (postgres.js, so the server can keep its plan as a prepared statement
 * where DATABASE_PREPARE allows). Exported for the benchmark, which times and EXPLAINs exactly
 * what the app runs.
 *
 * Open state, backlog and ready time cost a few microseconds per shop, so they are computed
 * for every candidate only when the ranking or a filter needs them (best value counts the
 * wait, soonest sorts by it, open now filters); otherwise only for the page of results shown.
 */
export function searchShopsQuery(sql: TSql, request: TSearchShopsRequest, impressions: TImpressions, now: Date) {
  const mono = impressions.monoImpressions;
  const color = impressions.colorImpressions;
  const copies = request.copies;
  const jobImpressions = (mono + color) * copies;
  const priceSides = isDuplex(request.sides) ? 'two-sided' : 'one-sided';
  const offers = `{${request.offers.join(',')}}`;
  const offset = (request.page - 1) * request.pageSize;
  const at = now.toISOString();
  // Best value counts the wait, so it needs every candidate's ready time too.
  const isScheduleRanked = request.sort === 'soonest' || request.sort === 'best_value' || request.openNow;

  /**
   * Open state, backlog, the true ready time (work only while open, np_shop_ready_at) and the
   * best-value score (price + distance + waiting) for the rows of `source`.
   */
  const schedule = (source: string) => sql`
    SELECT w.*, w.total_minor + w.distance_cost_minor + w.wait_cost_minor AS score_minor
    FROM (
      SELECT r.*,
             round(least(extract(epoch FROM coalesce(r.ready_at, ${at}::timestamptz + make_interval(hours => ${BEST_VALUE_MAX_WAIT_HOURS}::int)) - ${at}::timestamptz) / 3600, ${BEST_VALUE_MAX_WAIT_HOURS}::int)
                   * ${BEST_VALUE_MINOR_PER_HOUR}::int)::bigint AS wait_cost_minor
      FROM (
        SELECT x.*, os.is_open, os.closes_at, os.opens_at, q.backlog_impressions, ready.ready_at, ready.work_stops_at
        FROM ${sql.unsafe(source)} x
        CROSS JOIN LATERAL np_shop_open_state(x.id, x.timezone, ${at}::timestamptz) os
        CROSS JOIN LATERAL (SELECT np_shop_backlog_impressions(x.id) AS backlog_impressions OFFSET 0) q
        LEFT JOIN LATERAL np_shop_ready_at(
          x.id, x.timezone, ${at}::timestamptz,
          (ceil((q.backlog_impressions + ${jobImpressions}::bigint)::numeric / x.cap_pages_per_minute) + ${HANDLING_MINUTES}::int)::integer
        ) ready ON true
      ) r
    ) w`;

  return sql`
    WITH here AS (
      SELECT ST_SetSRID(ST_MakePoint(${request.lng}::float8, ${request.lat}::float8), 4326)::geography AS point
    ),
    candidates AS (
      SELECT s.id, s.name, s.address_line, s.city, s.postcode, s.lat, s.lng, s.timezone,
             s.job_fee_minor, s.minimum_charge_minor, s.cap_color, s.cap_duplex, s.cap_media,
             s.cap_finishings, s.cap_pages_per_minute,
             ST_Distance(s.location, here.point, false) AS distance_m
      FROM shops s, here
      WHERE ST_DWithin(s.location, here.point, ${request.radiusKm * 1000}::float8, false)
        AND s.status = 'active'
        AND s.cap_pages_per_minute > 0
        AND ${request.media}::text = ANY (s.cap_media)
        AND (${color}::int = 0 OR s.cap_color)
        AND (NOT ${isDuplex(request.sides)}::boolean OR s.cap_duplex)
    ),
    priced AS (
      -- Only the price rows this job needs are joined: a shop without one cannot do the job.
      SELECT c.*,
             ${mono > 0 ? sql`mono.price_per_page_minor` : sql`NULL::integer`} AS mono_unit,
             ${color > 0 ? sql`colour.price_per_page_minor` : sql`NULL::integer`} AS color_unit,
             ${request.finishing !== 'none' ? sql`fin.price_minor` : sql`NULL::integer`} AS finishing_unit,
             ${request.finishing !== 'none' ? sql`fin.is_manual` : sql`NULL::boolean`} AS finishing_is_manual
      FROM candidates c
      ${mono > 0 ? sql`JOIN shop_prices mono ON mono.shop_id = c.id AND mono.media = ${request.media}::text AND mono.color_mode = 'monochrome' AND mono.sides = ${priceSides}::price_sides` : sql``}
      ${color > 0 ? sql`JOIN shop_prices colour ON colour.shop_id = c.id AND colour.media = ${request.media}::text AND colour.color_mode = 'color' AND colour.sides = ${priceSides}::price_sides` : sql``}
      ${
        request.finishing !== 'none'
          ? sql`JOIN shop_finishing_prices fin ON fin.shop_id = c.id AND fin.finishing = ${request.finishing}::finishing_kind AND (fin.is_manual OR ${request.finishing}::text = ANY (c.cap_finishings))`
          : sql``
      }
      ${
        request.offers.length
          ? sql`WHERE NOT EXISTS (
              SELECT 1 FROM unnest(${offers}::finishing_kind[]) AS wanted(kind)
              WHERE NOT EXISTS (
                SELECT 1 FROM shop_finishing_prices o
                WHERE o.shop_id = c.id AND o.finishing = wanted.kind AND (o.is_manual OR wanted.kind::text = ANY (c.cap_finishings))
              )
            )`
          : sql``
      }
    ),
    lined AS (
      SELECT p.*,
             CASE WHEN ${mono}::int > 0 THEN p.mono_unit::bigint * ${mono * copies}::bigint ELSE 0 END AS mono_amount,
             CASE WHEN ${color}::int > 0 THEN p.color_unit::bigint * ${color * copies}::bigint ELSE 0 END AS color_amount,
             CASE WHEN ${request.finishing}::text <> 'none' THEN p.finishing_unit::bigint * ${copies}::bigint ELSE 0 END AS finishing_amount,
             greatest(p.job_fee_minor, 0)::bigint AS job_fee_amount,
             round((p.distance_m * ${BEST_VALUE_MINOR_PER_KM}::int)::numeric / 1000)::bigint AS distance_cost_minor
      FROM priced p
    ),
    subtotalled AS (
      SELECT l.*, l.mono_amount + l.color_amount + l.finishing_amount + l.job_fee_amount AS subtotal_minor
      FROM lined l
    ),
    totalled AS (
      SELECT t.*, greatest(t.minimum_charge_minor - t.subtotal_minor, 0) AS minimum_top_up,
             greatest(t.minimum_charge_minor, t.subtotal_minor) AS total_minor
      FROM subtotalled t
    ),
    ${isScheduleRanked ? sql`scheduled AS (${schedule('totalled')}), filtered AS (SELECT * FROM scheduled WHERE (NOT ${request.openNow}::boolean OR is_open)),` : sql`filtered AS (SELECT * FROM totalled),`}
    ranked AS (
      SELECT f.*, row_number() OVER (ORDER BY ${sql.unsafe(ORDER_BY[request.sort])}) AS position
      FROM filtered f
    ),
    paged AS (
      SELECT * FROM ranked WHERE position > ${offset}::int AND position <= ${offset + request.pageSize}::int
    ),
    page AS (${isScheduleRanked ? sql`SELECT * FROM paged` : schedule('paged')})
    SELECT counted.total_count, page.*,
           array(
             SELECT f.finishing::text FROM shop_finishing_prices f
             WHERE f.shop_id = page.id AND (f.is_manual OR f.finishing::text = ANY (page.cap_finishings))
             ORDER BY f.finishing
           ) AS offered_finishings,
           np_local_iso(page.closes_at, page.timezone) AS closes_at_iso,
           np_local_iso(page.opens_at, page.timezone) AS opens_at_iso,
           np_local_iso(page.ready_at, page.timezone) AS ready_at_iso,
           np_local_iso(page.work_stops_at, page.timezone) AS work_stops_at_iso,
           coalesce(page.ready_at > page.work_stops_at, false) AS is_after_closing,
           to_char((${at}::timestamptz AT TIME ZONE page.timezone)::date, 'YYYY-MM-DD') AS local_date,
           today.hours AS today_hours,
           (dated.id IS NOT NULL) AS today_exception,
           dated.note AS today_note
    FROM (SELECT count(*) AS total_count FROM ranked) counted
    LEFT JOIN page ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(i.opens_minute, i.closes_minute) ORDER BY i.opens_minute) AS hours
      FROM np_shop_intervals(page.id, page.timezone, (${at}::timestamptz AT TIME ZONE page.timezone)::date, 1) i
    ) today ON page.id IS NOT NULL
    LEFT JOIN shop_hour_exceptions dated
      ON dated.shop_id = page.id AND dated.date = (${at}::timestamptz AT TIME ZONE page.timezone)::date
    ORDER BY page.position`;
}

function toResult(row: TResultRow, context: { request: TSearchShopsRequest; impressions: TImpressions; currency: string; at: string }): TShopSearchResult {
  const { request, impressions, currency, at } = context;
  const priceSides = isDuplex(request.sides) ? 'two-sided' : 'one-sided';
  const prices: TPriceRow[] = [];
  if (row.mono_unit !== null) prices.push({ media: request.media, colorMode: 'monochrome', sides: priceSides, pricePerPageMinor: row.mono_unit });
  if (row.color_unit !== null) prices.push({ media: request.media, colorMode: 'color', sides: priceSides, pricePerPageMinor: row.color_unit });
  const finishing: TFinishingPriceRow[] =
    request.finishing !== 'none' && row.finishing_unit !== null ? [{ finishing: request.finishing, priceMinor: row.finishing_unit, isManual: row.finishing_is_manual ?? false }] : [];
  const quote = sameQuoteAsSql(row, quoteJob({ priceList: { prices, finishing, jobFeeMinor: row.job_fee_minor, minimumChargeMinor: row.minimum_charge_minor }, job: request, impressions, currency }));

  const tz = row.timezone;
  const readyAt = row.ready_at_iso;
  const result: Omit<TShopSearchResult, 'rank'> = {
    shop: { id: row.id, name: row.name, addressLine: row.address_line, city: row.city, postcode: row.postcode, lat: row.lat, lng: row.lng, timezone: tz },
    distanceM: row.distance_m,
    price: { currency, lines: quote.lines, totalMinor: row.total_minor },
    hours: {
      isOpen: row.is_open,
      closesAt: row.closes_at_iso,
      opensAt: row.opens_at_iso,
      today: {
        date: row.local_date,
        intervals: (row.today_hours ?? []).map(([opensMinute, closesMinute]) => ({ opensMinute, closesMinute })),
        isException: row.today_exception,
        note: row.today_note || null,
      },
    },
    ready: {
      readyAt,
      backlogImpressions: row.backlog_impressions,
      jobImpressions: (impressions.monoImpressions + impressions.colorImpressions) * request.copies,
      pagesPerMinute: row.cap_pages_per_minute,
      isAfterClosing: row.is_after_closing,
      workStopsAt: row.work_stops_at_iso,
    },
    capabilities: {
      color: row.cap_color,
      duplex: row.cap_duplex,
      media: row.cap_media.filter(isKnownMedia),
      finishings: row.offered_finishings,
      pagesPerMinute: row.cap_pages_per_minute,
    },
  };
  const rank = explainRank({
    sort: request.sort,
    position: row.position,
    totalMinor: row.total_minor,
    distanceM: row.distance_m,
    distanceCostMinor: row.distance_cost_minor,
    waitCostMinor: row.wait_cost_minor,
    scoreMinor: row.score_minor,
    readyAt,
    at,
    timezone: tz,
    currency,
    minorPerKm: BEST_VALUE_MINOR_PER_KM,
    minorPerHour: BEST_VALUE_MINOR_PER_HOUR,
  });
  return { ...result, rank };
}

const LINE_AMOUNT_COLUMN = {
  pages_mono: 'mono_amount',
  pages_color: 'color_amount',
  finishing: 'finishing_amount',
  job_fee: 'job_fee_amount',
  minimum_charge: 'minimum_top_up',
} as const satisfies Record<TQuoteLine['kind'], keyof TResultRow>;

/** SQL and quoteJob must agree on every line and the total; see searchShops. */
function sameQuoteAsSql(row: TResultRow, result: TQuoteResult): TQuote {
  if (!result.ok) throw new Error(`Search offered shop ${row.id}, but quoteJob refuses the job there: ${result.reason}`);
  const problems: string[] = [];
  if (result.quote.totalMinor !== row.total_minor) problems.push(`total ${row.total_minor} in SQL, ${result.quote.totalMinor} in quoteJob`);
  for (const kind of Object.keys(LINE_AMOUNT_COLUMN) as TQuoteLine['kind'][]) {
    const inSql = row[LINE_AMOUNT_COLUMN[kind]];
    const inQuote = result.quote.lines.find((line) => line.kind === kind)?.amountMinor ?? 0;
    if (inSql !== inQuote) problems.push(`${kind} ${inSql} in SQL, ${inQuote} in quoteJob`);
  }
  if (problems.length) throw new Error(`Search price for shop ${row.id} disagrees with quoteJob: ${problems.join('; ')}`);
  return result.quote;
}
