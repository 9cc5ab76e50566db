import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';

export const ZDashboardRequest = z.object({
  days: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number()
      .int()
      .refine((d) => [7, 30, 90].includes(d), 'Choose 7, 30 or 90 days')
      .default(30),
  ),
});

export type TDailyPoint = { day: string; paidOrders: number; grossMinor: number; refundedMinor: number; medianReadySeconds: number | null };
export type TShopPrinters = { shopId: string; shopName: string; shopStatus: string; online: number; offline: number; disabled: number };

/**
 * The dashboard's numbers for the last `days` whole UTC days (today included). Every day of
 * the window has a row, zeros included, so charts do not skip quiet days. Orders count on the
 * day they were paid; refunds on the day Stripe confirmed them; "paid → ready" is measured on
 * orders that became ready in the window. Plain SQL that PostgreSQL and PGlite both run.
 */
export async function dashboardMetrics(options: { days: number }) {
  const firstDayOffset = options.days - 1;
  const daily = await db.execute<{ day: string; paid_orders: number; gross_minor: string; refunded_minor: string; median_ready_seconds: number | null }>(sql`
    with days as (
      select d as day_start
      from generate_series(date_trunc('day', now() at time zone 'UTC') - make_interval(days => ${firstDayOffset}::int), date_trunc('day', now() at time zone 'UTC'), interval '1 day') as d
    )
    select to_char(days.day_start, 'YYYY-MM-DD') as day,
      (select count(*)::int from orders o
        where o.paid_at >= days.day_start at time zone 'UTC' and o.paid_at < (days.day_start + interval '1 day') at time zone 'UTC') as paid_orders,
      (select coalesce(sum(o.total_minor), 0)::bigint from orders o
        where o.paid_at >= days.day_start at time zone 'UTC' and o.paid_at < (days.day_start + interval '1 day') at time zone 'UTC') as gross_minor,
      (select coalesce(-sum(le.amount_minor), 0)::bigint from ledger_entries le join ledger_transactions lt on lt.id = le.transaction_id
        where lt.kind = 'refund' and le.account = 'stripe_balance'
          and lt.created_at >= days.day_start at time zone 'UTC' and lt.created_at < (days.day_start + interval '1 day') at time zone 'UTC') as refunded_minor,
      (select percentile_cont(0.5) within group (order by extract(epoch from (o.ready_at - o.paid_at)))::float8 from orders o
        where o.ready_at is not null and o.paid_at is not null
          and o.ready_at >= days.day_start at time zone 'UTC' and o.ready_at < (days.day_start + interval '1 day') at time zone 'UTC') as median_ready_seconds
    from days
    order by days.day_start`);
  const points: TDailyPoint[] = [...daily].map((row) => ({
    day: row.day,
    paidOrders: Number(row.paid_orders),
    grossMinor: Number(row.gross_minor),
    refundedMinor: Number(row.refunded_minor),
    medianReadySeconds: row.median_ready_seconds === null ? null : Number(row.median_ready_seconds),
  }));

  const windowStart = sql`date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - make_interval(days => ${firstDayOffset}::int)`;
  const [totals] = await db.execute<{ paid_orders: number; gross_minor: string; refunded_orders: number; refunded_minor: string; median_ready_seconds: number | null; ready_orders: number }>(sql`
    select
      (select count(*)::int from orders where paid_at >= ${windowStart}) as paid_orders,
      (select coalesce(sum(total_minor), 0)::bigint from orders where paid_at >= ${windowStart}) as gross_minor,
      (select count(distinct o.id)::int from orders o join refunds r on r.order_id = o.id and r.status = 'succeeded' where o.paid_at >= ${windowStart}) as refunded_orders,
      (select coalesce(sum(r.amount_minor), 0)::bigint from orders o join refunds r on r.order_id = o.id and r.status = 'succeeded' where o.paid_at >= ${windowStart}) as refunded_minor,
      (select percentile_cont(0.5) within group (order by extract(epoch from (ready_at - paid_at)))::float8 from orders where ready_at >= ${windowStart} and paid_at is not null) as median_ready_seconds,
      (select count(*)::int from orders where ready_at >= ${windowStart} and paid_at is not null) as ready_orders`);
  const grossMinor = Number(totals.gross_minor);
  const refundedMinor = Number(totals.refunded_minor);
  const paidOrders = Number(totals.paid_orders);

  const printerRows = await db.execute<{ shop_id: string; shop_name: string; shop_status: string; online: number; offline: number; disabled: number }>(sql`
    select s.id as shop_id, s.name as shop_name, s.status::text as shop_status,
      count(p.id) filter (where p.is_enabled and p.is_online)::int as online,
      count(p.id) filter (where p.is_enabled and not p.is_online)::int as offline,
      count(p.id) filter (where not p.is_enabled)::int as disabled
    from shops s join printers p on p.shop_id = s.id
    group by s.id, s.name, s.status
    order by count(p.id) filter (where p.is_enabled and not p.is_online) desc, s.name`);
  const printers: TShopPrinters[] = [...printerRows].map((r) => ({
    shopId: r.shop_id,
    shopName: r.shop_name,
    shopStatus: r.shop_status,
    online: Number(r.online),
    offline: Number(r.offline),
    disabled: Number(r.disabled),
  }));

  const [shopCounts] = await db.execute<{ total: number; pending: number }>(sql`select count(*)::int as total, (count(*) filter (where status = 'pending_review'))::int as pending from shops`);

  return {
    days: options.days,
    shops: { total: Number(shopCounts.total), pendingReview: Number(shopCounts.pending) },
    daily: points,
    totals: {
      paidOrders,
      grossMinor,
      /** Of the orders paid in the window: how many had a refund, and the share of their money refunded. */
      refundedOrders: Number(totals.refunded_orders),
      refundedMinor,
      refundRate: grossMinor > 0 ? refundedMinor / grossMinor : null,
      medianReadySeconds: totals.median_ready_seconds === null ? null : Number(totals.median_ready_seconds),
      readyOrders: Number(totals.ready_orders),
    },
    printers,
  };
}

export type TDashboardMetrics = Awaited<ReturnType<typeof dashboardMetrics>>;
