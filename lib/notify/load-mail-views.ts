import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { alerts, documents, orderDocuments, orders, shops, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { isKnownMedia, MEDIA } from '@/lib/job-options/media';
import { describeTodayHours, describeWeeklyHours } from '@/lib/shops/describe-hours';
import { shopDirections } from '@/lib/shops/shop-directions';
import { getOpeningSchedule } from '@/lib/shops/shop-hours';
import { countOf } from '@/lib/text/count-of';
import { formatDateTime } from '@/lib/text/format-date-time';
import type { TAlertMailView, TOrderMailView, TShopMailView } from './mail-views';

const SIDES_LABEL = { 'one-sided': 'one-sided', 'two-sided-long-edge': 'two-sided', 'two-sided-short-edge': 'two-sided (short edge)' } as const;

export const appLink = (pathname: string) => new URL(pathname, env().APP_URL).toString();

export async function loadShopMailView(shopId: string, now = new Date()): Promise<TShopMailView | null> {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId));
  if (!shop) return null;
  const schedule = await getOpeningSchedule(shop.id, shop.timezone);
  const directions = shopDirections(shop);
  return {
    id: shop.id,
    name: shop.name,
    legalName: shop.legalName,
    vatId: shop.vatId,
    addressLines: [shop.addressLine, [shop.postcode, shop.city].filter(Boolean).join(' '), shop.country].filter(Boolean),
    email: shop.email,
    phone: shop.phone,
    timezone: shop.timezone,
    weeklyHours: describeWeeklyHours(schedule),
    todayHours: describeTodayHours(schedule, now),
    directionsUrl: directions.directionsUrl,
    mapUrl: directions.mapUrl,
    pageUrl: appLink(`/shops/${shop.id}`),
  };
}

export async function loadOrderMailView(orderId: string): Promise<(TOrderMailView & { shopId: string }) | null> {
  const [row] = await db.select({ order: orders, customerName: users.name }).from(orders).innerJoin(users, eq(users.id, orders.customerId)).where(eq(orders.id, orderId));
  if (!row) return null;
  const { order } = row;
  const files = await db
    .select({ filename: documents.filename })
    .from(orderDocuments)
    .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
    .where(eq(orderDocuments.orderId, order.id))
    .orderBy(asc(orderDocuments.position));
  const { options, quote } = order;
  const colour = options.colorMode === 'monochrome' || quote.colorPageCount === 0 ? 'black & white' : options.colorMode === 'color' ? 'colour' : 'colour where needed';
  const summary = [
    countOf(quote.pageCount, 'page'),
    isKnownMedia(options.media) ? MEDIA[options.media].label : options.media,
    colour,
    SIDES_LABEL[options.sides],
    ...(options.pagesPerSheet > 1 ? [`${options.pagesPerSheet} pages per sheet`] : []),
    ...(options.copies > 1 ? [countOf(options.copies, 'copy', 'copies')] : []),
  ];
  return {
    id: order.id,
    shopId: order.shopId,
    number: order.number,
    currency: order.currency,
    totalMinor: order.totalMinor,
    lines: quote.lines.map((line) => ({ label: line.label, amountMinor: line.amountMinor })),
    jobSummary: summary.join(' · '),
    files: files.map((file) => file.filename),
    paidAt: order.paidAt,
    // First name only: the mail greets, it does not address an envelope.
    customerName: row.customerName.trim().split(/\s+/)[0] ?? '',
    pageUrl: appLink(`/orders/${order.id}`),
  };
}

/** An alert for its mail, or null when it is gone (its shop deleted). */
export async function loadAlertMailView(alertId: string, timeZone: string): Promise<TAlertMailView | null> {
  const [alert] = await db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!alert) return null;
  return { title: alert.title, action: alert.action, raisedAt: formatDateTime(alert.raisedAt, timeZone), clearedAt: alert.clearedAt ? formatDateTime(alert.clearedAt, timeZone) : null };
}
