import { and, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orderStatus, orders, shops, users } from '@/db/schema';
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

/** LIKE wildcards typed by the admin are matched literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Orders for the admin console, newest first. The order number matches with or without its
 * "NP-" prefix and in any case; the email matches any part of the customer's address; days
 * are UTC days on the date the order was placed.
 */
export async function searchOrders(request: TSearchOrdersRequest) {
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
  const where = conditions.length ? and(...conditions) : undefined;

  const [rows, [{ total }]] = await Promise.all([
    db
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
      })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.customerId))
      .innerJoin(shops, eq(shops.id, orders.shopId))
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

export type TOrderSearchResult = Awaited<ReturnType<typeof searchOrders>>;

/** Shops for the filter's drop-down, by name. */
export async function shopChoices() {
  return db.select({ id: shops.id, name: shops.name, status: shops.status }).from(shops).orderBy(shops.name);
}
