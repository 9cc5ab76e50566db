import { and, asc, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents, events, orderDocuments, orders, printJobs, printers, refunds, shops, type TOrder } from '@/db/schema';
import type { TSessionUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';

/**
 * Everything the order page shows, for the customer who placed it or an admin (the shop
 * works from its queue). Another customer's order looks the same as a missing one.
 */
export async function getOrderDetails(user: TSessionUser, orderId: string) {
  const notFound = new AppError('not_found', 'We could not find that order.');
  if (!isId(orderId)) throw notFound;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || (order.customerId !== user.id && user.role !== 'admin')) throw notFound;
  const [[shop], files, jobs, refundRows, timeline] = await Promise.all([
    db.select().from(shops).where(eq(shops.id, order.shopId)),
    db
      .select({ id: documents.id, filename: documents.filename, pageCount: documents.pageCount, filesDeletedAt: documents.filesDeletedAt })
      .from(orderDocuments)
      .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
      .where(eq(orderDocuments.orderId, order.id))
      .orderBy(asc(orderDocuments.position)),
    db
      .select({ job: printJobs, printerName: printers.name })
      .from(printJobs)
      .leftJoin(printers, eq(printers.id, printJobs.printerId))
      .where(eq(printJobs.orderId, order.id))
      .orderBy(desc(printJobs.createdAt)),
    db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt)),
    db.select().from(events).where(eq(events.orderId, order.id)).orderBy(asc(events.id)),
  ]);
  return { order, shop, files, job: jobs[0] ?? null, refunds: refundRows, timeline };
}

export type TOrderDetails = Awaited<ReturnType<typeof getOrderDetails>>;

export async function listCustomerOrders(customerId: string): Promise<(TOrder & { shopName: string })[]> {
  const rows = await db
    .select({ order: orders, shopName: shops.name })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(and(eq(orders.customerId, customerId)))
    .orderBy(desc(orders.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r.order, shopName: r.shopName }));
}
