-- True ready times (readyAfterWork in lib/shops/opening-hours.ts, the same walk in TypeScript):
-- a job needing p_work_minutes of the shop's time, started at p_at rounded up to the minute,
-- is worked on only while the shop is open; at a closing time it waits for the next opening.
-- The openings are np_shop_intervals' (weekly hours, dated exceptions, the shop's zone and DST)
-- from the day before p_at's local date for 16 dates, in opening order; openings that touch
-- or overlap count as one. ready_at is null when the work does not fit in them.
-- work_stops_at is the end of the unbroken opening the work starts in: a ready_at after it
-- means the job cannot be ready before the shop closes.
--
-- np_shop_ready_within walks p_days dates; np_shop_ready_at (below) tries 4 first, which
-- answers nearly every job, and 16 only when that does not.
CREATE OR REPLACE FUNCTION np_shop_ready_within(p_shop_id uuid, p_timezone text, p_at timestamptz, p_work_minutes integer, p_days integer, p_is_last boolean)
RETURNS TABLE (ready_at timestamptz, work_stops_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  WITH start AS (
    SELECT date_trunc('minute', p_at + interval '59.999999 seconds') AS at
  ),
  spans AS (
    SELECT i.opens_at, i.closes_at, row_number() OVER (ORDER BY i.opens_at, i.closes_at) AS rn
    FROM start, np_shop_intervals(p_shop_id, p_timezone, (start.at AT TIME ZONE p_timezone)::date - 1, p_days) AS i
    WHERE i.closes_at > start.at
  ),
  walked AS (
    SELECT s.rn, s.closes_at,
           -- Work in this opening starts when it opens, when the job starts, or where the openings before it left off.
           greatest(s.opens_at, start.at, max(s.closes_at) OVER (ORDER BY s.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS from_at,
           max(s.closes_at) OVER (ORDER BY s.rn ROWS UNBOUNDED PRECEDING) AS reach,
           lead(s.opens_at) OVER (ORDER BY s.rn) AS next_opens
    FROM spans s, start
  ),
  summed AS (
    SELECT w.rn, w.from_at,
           greatest(extract(epoch FROM w.closes_at - w.from_at), 0) AS len_s,
           sum(greatest(extract(epoch FROM w.closes_at - w.from_at), 0)) OVER (ORDER BY w.rn ROWS UNBOUNDED PRECEDING) AS done_s,
           -- The first break in the openings; the end of the horizon counts only on the last pass.
           min(CASE WHEN (w.next_opens IS NULL AND p_is_last) OR w.next_opens > w.reach THEN w.reach END) OVER () AS stops_at
    FROM walked w
  )
  SELECT s.from_at + make_interval(secs => (p_work_minutes * 60 - (s.done_s - s.len_s))::float8), s.stops_at
  FROM summed s
  WHERE s.len_s > 0 AND s.done_s >= p_work_minutes * 60
  ORDER BY s.rn
  LIMIT 1
$$;
--> statement-breakpoint

-- UNION ALL under LIMIT 1 runs the 16-day walk only when the 4-day one has no answer (the work
-- does not fit, or the shop never stops within it, so its work_stops_at is not known yet).
CREATE OR REPLACE FUNCTION np_shop_ready_at(p_shop_id uuid, p_timezone text, p_at timestamptz, p_work_minutes integer)
RETURNS TABLE (ready_at timestamptz, work_stops_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  (SELECT r.ready_at, r.work_stops_at FROM np_shop_ready_within(p_shop_id, p_timezone, p_at, p_work_minutes, 4, false) r WHERE r.work_stops_at IS NOT NULL)
  UNION ALL
  (SELECT r.ready_at, r.work_stops_at FROM np_shop_ready_within(p_shop_id, p_timezone, p_at, p_work_minutes, 16, true) r)
  LIMIT 1
$$;
