import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { pausePoint } from '@/lib/pause-points/pause-point';

/**
 * The customer forces a colour page to black & white (or undoes it) before paying; the quote
 * then counts it as mono and the pipeline prints it in grey. Only the owner, and only while the
 * document is in no order: an order keeps the snapshot it was priced with (lib/quote/job-snapshot.ts),
 * so a later change could not reach its printer anyway, and refusing says so.
 */
export async function setPageForcedMono(options: { ownerId: string; documentId: string; pageNumber: number; isForcedMono: boolean }): Promise<void> {
  const [document] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, options.documentId), eq(documents.ownerId, options.ownerId)));
  if (!document) throw new AppError('not_found', 'We could not find that document.');
  const [locked] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from order_documents od join orders o on o.id = od.order_id
    where od.document_id = ${options.documentId} and o.status <> 'canceled'`);
  if (locked.n > 0) throw new AppError('conflict', 'This document is in an order already, so its pages can no longer change. Cancel the unpaid order first, or upload it again.');
  await pausePoint('page-mono:checked');
  const updated = await db
    .update(documentPages)
    .set({ isForcedMono: options.isForcedMono })
    .where(and(eq(documentPages.documentId, options.documentId), eq(documentPages.pageNumber, options.pageNumber), eq(documentPages.isColor, true)))
    .returning({ pageNumber: documentPages.pageNumber });
  if (!updated.length) throw new AppError('bad_request', 'Only colour pages can be switched to black & white.');
}
