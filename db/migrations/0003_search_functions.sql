-- Search helpers for lib/search/search-shops.ts. Plain SQL functions so they run the same on
-- PostgreSQL 15 + PostGIS 3.3 and on PGlite; being LANGUAGE sql, STABLE and non-strict, the
-- planner inlines them into the search query instead of calling them row by row.

-- A zone's UTC offset at an instant (local wall clock minus UTC).
CREATE OR REPLACE FUNCTION np_utc_offset(p_at timestamptz, p_timezone text)
RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT (p_at AT TIME ZONE p_timezone) - (p_at AT TIME ZONE 'UTC')
$$;
--> statement-breakpoint

-- The instant a wall-clock time happens in a zone, as luxon's DateTime.set does it. A local
-- time that does not exist (spring forward) moves forward, as both PostgreSQL and luxon do;
-- one that happens twice (fall back) is the earlier instant, as luxon picks, where AT TIME
-- ZONE alone picks the later: so the offset from a day before is tried first, and kept when
-- it gives an earlier instant with the same wall clock. Single expressions throughout, so the
-- planner inlines them into the search.
CREATE OR REPLACE FUNCTION np_wall_instant(p_wall timestamp, p_timezone text)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN (p_wall - np_utc_offset((p_wall - interval '1 day') AT TIME ZONE p_timezone, p_timezone)) AT TIME ZONE 'UTC' < p_wall AT TIME ZONE p_timezone
     AND ((p_wall - np_utc_offset((p_wall - interval '1 day') AT TIME ZONE p_timezone, p_timezone)) AT TIME ZONE 'UTC') AT TIME ZONE p_timezone = p_wall
    THEN (p_wall - np_utc_offset((p_wall - interval '1 day') AT TIME ZONE p_timezone, p_timezone)) AT TIME ZONE 'UTC'
    ELSE p_wall AT TIME ZONE p_timezone
  END
$$;
--> statement-breakpoint

-- The instant `p_minute` minutes after local midnight of a date (atMinute in
-- lib/shops/opening-hours.ts). Minutes may pass 1440: an evening that closes after midnight
-- runs into the next date.
CREATE OR REPLACE FUNCTION np_local_instant(p_date date, p_minute integer, p_timezone text)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT np_wall_instant(p_date + make_interval(mins => p_minute), p_timezone)
$$;
--> statement-breakpoint

-- An instant as ISO 8601 in a zone, with that zone's offset: "2025-06-11T17:30:00+01:00".
-- Search returns its times this way so the app does not convert each one again.
CREATE OR REPLACE FUNCTION np_local_iso(p_at timestamptz, p_timezone text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT to_char(p_at AT TIME ZONE p_timezone, 'YYYY-MM-DD"T"HH24:MI:SS')
    || CASE WHEN np_utc_offset(p_at, p_timezone) < interval '0'
            THEN '-' || to_char(-np_utc_offset(p_at, p_timezone), 'HH24:MI')
            ELSE '+' || to_char(np_utc_offset(p_at, p_timezone), 'HH24:MI') END
$$;
--> statement-breakpoint

-- A shop's opening intervals for p_days local dates from p_from, in its own time zone: the
-- weekly hours of each date's weekday, unless a dated exception replaces that date (an
-- exception with null minutes = closed all day). Mirrors intervalsForDate in
-- lib/shops/opening-hours.ts.
CREATE OR REPLACE FUNCTION np_shop_intervals(p_shop_id uuid, p_timezone text, p_from date, p_days integer)
RETURNS TABLE (day_offset integer, local_date date, opens_minute integer, closes_minute integer, opens_at timestamptz, closes_at timestamptz, note text)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  WITH days AS (
    SELECT g AS d_offset, p_from + g AS d_date, extract(isodow FROM p_from + g)::integer AS d_weekday
    FROM generate_series(0, p_days - 1) AS g
  ),
  dated AS (
    SELECT x.date AS x_date, x.opens_minute AS x_opens, x.closes_minute AS x_closes, x.note AS x_note
    FROM shop_hour_exceptions x
    WHERE x.shop_id = p_shop_id AND x.date >= p_from AND x.date < p_from + p_days
  ),
  chosen AS (
    SELECT days.d_offset, days.d_date, dated.x_opens::integer AS c_opens, dated.x_closes::integer AS c_closes, dated.x_note AS c_note
    FROM days JOIN dated ON dated.x_date = days.d_date
    WHERE dated.x_opens IS NOT NULL AND dated.x_closes IS NOT NULL
    UNION ALL
    SELECT days.d_offset, days.d_date, h.opens_minute::integer, h.closes_minute::integer, NULL::text
    FROM days JOIN shop_hours h ON h.shop_id = p_shop_id AND h.weekday = days.d_weekday
    WHERE NOT EXISTS (SELECT 1 FROM dated WHERE dated.x_date = days.d_date)
  )
  SELECT d_offset, d_date, c_opens, c_closes,
         np_local_instant(d_date, c_opens, p_timezone),
         np_local_instant(d_date, c_closes, p_timezone),
         c_note
  FROM chosen
$$;
--> statement-breakpoint

-- Open or closed at p_at, the same answer as openStateAt (lib/shops/opening-hours.ts):
-- yesterday's and today's intervals decide "open now" (yesterday's may run past midnight),
-- in day then opening order; when closed, the next opening from today to today + 14 days.
-- window_closes_at is when the interval the shop is in (or opens next) ends, for the ready
-- estimate. The next opening is looked for only when closed, and in the coming week before
-- the week after (COALESCE and CASE stop at the first answer): a third of the work of
-- expanding all sixteen days for every shop.
CREATE OR REPLACE FUNCTION np_shop_open_state(p_shop_id uuid, p_timezone text, p_at timestamptz)
RETURNS TABLE (is_open boolean, closes_at timestamptz, opens_at timestamptz, window_closes_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT cur.closes IS NOT NULL, cur.closes, nxt.span[1], coalesce(cur.closes, nxt.span[2])
  FROM (SELECT (p_at AT TIME ZONE p_timezone)::date AS today) AS local_now
  LEFT JOIN LATERAL (
    SELECT i.closes_at AS closes
    FROM np_shop_intervals(p_shop_id, p_timezone, local_now.today - 1, 2) AS i
    WHERE i.opens_at <= p_at AND p_at < i.closes_at
    ORDER BY i.day_offset, i.opens_minute
    LIMIT 1
  ) AS cur ON true
  CROSS JOIN LATERAL (
    SELECT CASE WHEN cur.closes IS NULL THEN coalesce(
      (SELECT ARRAY[i.opens_at, i.closes_at] FROM np_shop_intervals(p_shop_id, p_timezone, local_now.today, 8) AS i
       WHERE i.opens_at > p_at ORDER BY i.day_offset, i.opens_minute LIMIT 1),
      (SELECT ARRAY[i.opens_at, i.closes_at] FROM np_shop_intervals(p_shop_id, p_timezone, local_now.today + 8, 7) AS i
       WHERE i.opens_at > p_at ORDER BY i.day_offset, i.opens_minute LIMIT 1)
    ) END AS span
    OFFSET 0 -- keeps this a subquery, so span is computed once rather than once per use
  ) AS nxt
$$;
--> statement-breakpoint

-- Impressions already waiting on the shop's enabled, online printers, for the ready-time
-- estimate. For now an estimate of 10 impressions per job in the printers' own queues (the
-- poller's queued_job_count); the print pipeline replaces this function with the sum over its
-- real queued jobs. Keep the signature (including the parameter name): search calls it.
CREATE OR REPLACE FUNCTION np_shop_backlog_impressions(shop_id uuid)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT (coalesce(sum(p.queued_job_count), 0) * 10)::integer
  FROM printers p
  WHERE p.shop_id = np_shop_backlog_impressions.shop_id AND p.is_enabled AND p.is_online
$$;
