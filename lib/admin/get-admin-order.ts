import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLog, disputes, documents, events, orderDocuments, orderMoves, orders, printJobs, printers, refunds, shops, users } from '@/db/schema';
import { orderLedgerSummary } from '@/lib/billing/ledger';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';

/**
 * Everything an admin needs to act on one order: who, where, the money (ledger view, refunds,
 * disputes, moves), every print job, the full event timeline and the admin actions taken on it.
 */
export async function getAdminOrder(orderId: string) {
  if (!isId(orderId)) throw new AppError('not_found', 'We could not find that order.');
  const [row] = await db
    .select({ order: orders, customer: { id: users.id, email: users.email, name: users.name }, shop: { id: shops.id, name: shops.name, status: shops.status, city: shops.city } })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.customerId))
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId));
  if (!row) throw new AppError('not_found', 'We could not find that order.');
  const [files, jobs, refundRows, disputeRows, moves, timeline, audit, ledger, pendingRefunds] = await Promise.all([
    db
      .select({ id: documents.id, filename: documents.filename, pageCount: documents.pageCount, detectedType: documents.detectedType, filesDeletedAt: documents.filesDeletedAt })
      .from(orderDocuments)
      .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
      .where(eq(orderDocuments.orderId, orderId))
      .orderBy(asc(orderDocuments.position)),
    db
      .select({ job: printJobs, printerName: printers.name, shopName: shops.name })
      .from(printJobs)
      .leftJoin(printers, eq(printers.id, printJobs.printerId))
      .innerJoin(shops, eq(shops.id, printJobs.shopId))
      .where(eq(printJobs.orderId, orderId))
      .orderBy(desc(printJobs.createdAt)),
    db.select({ refund: refunds, requestedByEmail: users.email }).from(refunds).leftJoin(users, eq(users.id, refunds.requestedBy)).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt)),
    db.select().from(disputes).where(eq(disputes.orderId, orderId)).orderBy(desc(disputes.createdAt)),
    db
      .select({ move: orderMoves, fromShopName: shops.name })
      .from(orderMoves)
      .innerJoin(shops, eq(shops.id, orderMoves.fromShopId))
      .where(eq(orderMoves.orderId, orderId))
      .orderBy(asc(orderMoves.createdAt)),
    db.select().from(events).where(eq(events.orderId, orderId)).orderBy(asc(events.id)),
    db
      .select({ entry: auditLog, actorEmail: users.email })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .where(and(eq(auditLog.targetType, 'order'), eq(auditLog.targetId, orderId)))
      .orderBy(desc(auditLog.id)),
    orderLedgerSummary(orderId),
    db
      .select({ amountMinor: refunds.amountMinor })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'pending'))),
  ]);
  const pendingRefundMinor = pendingRefunds.reduce((sum, r) => sum + r.amountMinor, 0);
  const actorIds = [...new Set(timeline.map((e) => e.actor))];
  const actors = actorIds.length ? await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, actorIds)) : [];
  return {
    ...row,
    files,
    jobs,
    refunds: refundRows,
    disputes: disputeRows,
    moves,
    timeline,
    /** Who caused each event: a user's email where the actor is a user id, else "worker", "stripe"… as recorded. */
    actorNames: Object.fromEntries(actorIds.map((id) => [id, actors.find((a) => a.id === id)?.email ?? id])),
    audit,
    ledger,
    /** What can still be refunded: paid, less refunds booked and refunds waiting for Stripe (minor units). */
    refundableMinor: Math.max(0, ledger.paidMinor - ledger.refundedMinor - pendingRefundMinor),
  };
}

export type TAdminOrder = Awaited<ReturnType<typeof getAdminOrder>>;
