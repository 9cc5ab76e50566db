import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, users } from '@/db/schema/index';
import { documentStore } from '@/lib/documents/storage/app-document-store';

/** How long a guest session that never checked out keeps its uploads: a day, then it and they are gone. */
export const ABANDONED_GUEST_HOURS = 24;

/**
 * Retention for guests who never checked out: an anonymous user older than ABANDONED_GUEST_HOURS
 * is deleted with its session, upload slots and documents (rows cascade), and the documents'
 * files (original, normalised PDF, thumbnails) are deleted from the store first. A guest who
 * checked out is no longer anonymous (or its uploads moved to an account), so nothing ordered is
 * touched; an anonymous user with an order (which checkout never makes) is skipped all the same.
 * Files go first and the row after, so a crash in between only repeats harmless deletes.
 */
export async function purgeAbandonedGuests(options: { now?: Date; limit?: number; olderThanHours?: number } = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanHours ?? ABANDONED_GUEST_HOURS) * 3_600_000);
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAnonymous, true), sql`${users.createdAt} <= ${cutoff.toISOString()}::timestamptz`, sql`not exists (select 1 from orders where orders.customer_id = ${users.id})`))
    .limit(options.limit ?? 100);
  const store = documentStore();
  for (const guest of due) {
    const docs = await db.select().from(documents).where(eq(documents.ownerId, guest.id));
    const pages = docs.length
      ? await db
          .select({ thumbnailKey: documentPages.thumbnailKey })
          .from(documentPages)
          .where(
            inArray(
              documentPages.documentId,
              docs.map((d) => d.id),
            ),
          )
      : [];
    for (const key of [...docs.flatMap((d) => [d.storageKey, d.pdfKey]), ...pages.map((p) => p.thumbnailKey)]) if (key) await store.delete(key);
    await db.delete(users).where(and(eq(users.id, guest.id), eq(users.isAnonymous, true)));
  }
  return due.length;
}
