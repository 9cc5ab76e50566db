import { and, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orderStatus, orders, shops, users } from '@/db/schema';
import { CSV_BATCH_ROWS, csvMoney, csvTime, type TCsvColumn } from './csv-export';
import { dayRangeBounds, PAGE_SIZE, refineDayRange, ZOptionalDay, ZOptionalText, ZOptionalUuid, ZPage } from './filter-schemas';

export const ZSearchOrdersRequest = z
  .object({
    number: ZOptionalText(40),
    email: ZOptionalText(200),
    shopId: ZOptionalUuid('Unknown shop'),
    status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(orderStatus.enumValues, 'Unknown order state').optional()),
    from: ZOptionalDay,
    to: ZOptionalDay,
    page: ZPage,
  })
  .superRefine(refineDayRange);
export type TSearchOrdersRequest = z.infer<typeof ZSearchOrdersRequest>;
/** The filters without paging, for the CSV export. */
type TOrderFilters = Omit<TSearchOrdersRequest, 'page'>;

/** LIKE wildcards typed by the admin are matched literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters of an order search (the page's and the export's), as SQL conditions. */
function orderConditions(request: TOrderFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (request.number) {
    const bare = request.number.toUpperCase().replace(/^NP-?/, '');
    conditions.push(ilike(orders.number, `%${escapeLike(bare)}%`));
  }
  if (request.email) conditions.push(ilike(users.email, `%${escapeLike(request.email)}%`));
  if (request.shopId) conditions.push(eq(orders.shopId, request.shopId));
  if (request.status) conditions.push(eq(orders.status, request.status));
  const { start, endExclusive } = dayRangeBounds(request);
  if (start) conditions.push(gte(orders.createdAt, start));
  if (endExclusive) conditions.push(lt(orders.createdAt, endExclusive));
  return conditions.length ? and(...conditions) : undefined;
}

function selectOrderRows() {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      customerEmail: users.email,
      customerName: users.name,
      shopId: shops.id,
      shopName: shops.name,
      refundedMinor: sql<number>`coalesce((select sum(r.amount_minor) from refunds r where r.order_id = ${orders.id} and r.status = 'succeeded'), 0)::int`,
      jobState: sql<string | null>`(select pj.state::text from print_jobs pj where pj.order_id = ${orders.id} order by pj.created_at desc limit 1)`,
      /** created_at to the microsecond, for the export's keyset (a JS Date keeps only milliseconds). */
      cursor: sql<string>`${orders.createdAt}::text`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.customerId))
    .innerJoin(shops, eq(shops.id, orders.shopId));
}

/**
 * Orders for the admin console, newest first. The order number matches with or without its
 * "NP-" prefix and in any case; the email matches any part of the customer's address; days
 * are UTC days on the date the order was placed.
 */
export async function searchOrders(request: TSearchOrdersRequest) {
  const where = orderConditions(request);
  const [rows, [{ total }]] = await Promise.all([
    selectOrderRows()
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(PAGE_SIZE)
      .offset((request.page - 1) * PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.customerId))
      .where(where),
  ]);
  return { orders: rows, total, page: request.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

type TOrderRow = Awaited<ReturnType<typeof searchOrders>>['orders'][number];

/** Every order the filters match, newest first, a batch at a time (keyset on created_at and id: no row twice or missed while orders arrive). */
export async function* orderExportBatches(request: TOrderFilters) {
  const where = orderConditions(request);
  let after: { cursor: string; id: string } | null = null;
  for (;;) {
    const page: SQL | undefined = after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.cursor}::timestamptz, ${after.id}::uuid)` : undefined;
    const rows: TOrderRow[] = await selectOrderRows().where(and(where, page)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(CSV_BATCH_ROWS);
    if (!rows.length) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { cursor: last.cursor, id: last.id };
  }
}

export type TOrderSearchResult = Awaited<ReturnType<typeof searchOrders>>;

/** The orders export: one line per order, money as plain decimals in the order's currency. */
export const ORDER_CSV_COLUMNS: readonly TCsvColumn<TOrderRow>[] = [
  { header: 'Order', kind: 'text', value: (o) => o.number },
  { header: 'Placed (UTC)', kind: 'text', value: (o) => csvTime(o.createdAt) },
  { header: 'Paid (UTC)', kind: 'text', value: (o) => csvTime(o.paidAt) },
  { header: 'Status', kind: 'text', value: (o) => o.status },
  { header: 'Print job', kind: 'text', value: (o) => o.jobState },
  { header: 'Shop', kind: 'text', value: (o) => o.shopName },
  { header: 'Customer', kind: 'text', value: (o) => o.customerName },
  { header: 'Customer email', kind: 'text', value: (o) => o.customerEmail },
  { header: 'Currency', kind: 'text', value: (o) => o.currency.toUpperCase() },
  { header: 'Total', kind: 'number', value: (o) => csvMoney(o.totalMinor, o.currency) },
  { header: 'Refunded', kind: 'number', value: (o) => csvMoney(o.refundedMinor, o.currency) },
  { header: 'Order id', kind: 'text', value: (o) => o.id },
];

/** Shops for the filter's drop-down, by name. */
export async function shopChoices() {
  return db.select({ id: shops.id, name: shops.name, status: shops.status }).from(shops).orderBy(shops.name);
}
