import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, orderDocuments, orders, printJobs } from '@/db/schema/index';
import { env } from '@/lib/config/env';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { appendEvent } from '@/lib/events/append-event';

const FINISHED = sql`${orders.status} in ('collected', 'canceled', 'refunded')`;
const finishedAt = sql`coalesce(${orders.collectedAt}, ${orders.canceledAt}, ${orders.updatedAt})`;

/**
 * Retention: RETENTION_HOURS after an order is collected, canceled or refunded, its print
 * outputs and its documents' files (original, normalised PDF, thumbnails) are deleted from the
 * store. The order, its ledger entries and the document rows (name, pages) stay, with
 * `filesDeletedAt` set so the customer's order page can say when. A document another order
 * still needs (not finished, or finished more recently) keeps its files until that one is done.
 * Files go first and the rows after, so a crash in between only repeats harmless deletes.
 */
export async function purgeExpiredFiles(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - env().RETENTION_HOURS * 3_600_000);
  const due = await db
    .select({ id: orders.id, shopId: orders.shopId })
    .from(orders)
    .where(and(FINISHED, isNull(orders.filesDeletedAt), sql`${finishedAt} <= ${cutoff.toISOString()}::timestamptz`))
    .limit(options.limit ?? 50);
  const store = documentStore();
  for (const order of due) {
    const outputs = await db
      .select({ id: printJobs.id, outputKey: printJobs.outputKey })
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), isNotNull(printJobs.outputKey)));
    for (const output of outputs) await store.delete(output.outputKey!);

    const docs = await db
      .select({ document: documents })
      .from(orderDocuments)
      .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
      .where(and(eq(orderDocuments.orderId, order.id), isNull(documents.filesDeletedAt)));
    const stillNeeded = docs.length
      ? await db
          .selectDistinct({ documentId: orderDocuments.documentId })
          .from(orderDocuments)
          .innerJoin(orders, eq(orders.id, orderDocuments.orderId))
          .where(
            and(
              inArray(
                orderDocuments.documentId,
                docs.map((d) => d.document.id),
              ),
              sql`${orders.id} <> ${order.id}`,
              sql`not (${FINISHED} and ${finishedAt} <= ${cutoff.toISOString()}::timestamptz)`,
            ),
          )
      : [];
    const expired = docs.map((d) => d.document).filter((d) => !stillNeeded.some((s) => s.documentId === d.id));
    for (const document of expired) {
      const pages = await db.select({ thumbnailKey: documentPages.thumbnailKey }).from(documentPages).where(eq(documentPages.documentId, document.id));
      for (const key of [document.storageKey, document.pdfKey, ...pages.map((p) => p.thumbnailKey)]) if (key) await store.delete(key);
    }

    await db.transaction(async (tx) => {
      await tx.update(printJobs).set({ outputKey: null, updatedAt: new Date() }).where(eq(printJobs.orderId, order.id));
      if (expired.length) {
        const ids = expired.map((d) => d.id);
        await tx.update(documents).set({ status: 'deleted', pdfKey: null, filesDeletedAt: new Date(), updatedAt: new Date() }).where(inArray(documents.id, ids));
        await tx.update(documentPages).set({ thumbnailKey: null }).where(inArray(documentPages.documentId, ids));
      }
      await tx.update(orders).set({ filesDeletedAt: new Date() }).where(eq(orders.id, order.id));
      await appendEvent({ type: 'order.files_deleted', orderId: order.id, shopId: order.shopId, actor: 'system', data: { documents: expired.length, outputs: outputs.length } }, tx);
    });
  }
  return due.length;
}
