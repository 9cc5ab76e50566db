import { and, eq, lt, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, type TDocument } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import type { TDocumentInspection } from './inspect-document';
import { documentKeys, documentStore } from './storage/app-document-store';

/**
 * An inspecting worker's claim. Short, and renewed every third of it while the worker reads the
 * file (renewInspectionLease), so the upload of a worker that died is picked up by another in
 * seconds, and a long inspection (a big Office file) keeps its claim.
 */
export const INSPECTION_LEASE_MS = 30_000;
export const MAX_INSPECTION_ATTEMPTS = 3;

/**
 * Claims one document waiting for inspection (new, or whose inspecting worker's lease ran out
 * because it died) with SKIP LOCKED, so several workers never inspect the same file.
 */
export async function claimDocumentForInspection(workerId: string): Promise<TDocument | null> {
  const [claimed] = await db.execute<{ id: string }>(sql`
    update documents set status = 'inspecting', lease_owner = ${workerId},
      lease_expires_at = now() + make_interval(secs => ${INSPECTION_LEASE_MS / 1000}), attempts = attempts + 1, updated_at = now()
    where id = (
      select id from documents
      where status = 'uploaded' or (status = 'inspecting' and lease_expires_at < now())
      order by created_at
      limit 1
      for update skip locked
    )
    returning id`);
  if (!claimed) return null;
  const [document] = await db.select().from(documents).where(eq(documents.id, claimed.id));
  return document ?? null;
}

/** Extends this worker's claim; false once it has lost it (its lease ran out and another took it). */
export async function renewInspectionLease(documentId: string, workerId: string): Promise<boolean> {
  const renewed = await db
    .update(documents)
    .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${INSPECTION_LEASE_MS / 1000})` })
    .where(and(eq(documents.id, documentId), eq(documents.leaseOwner, workerId), eq(documents.status, 'inspecting')))
    .returning({ id: documents.id });
  return renewed.length === 1;
}

/** Progress for the customer's upload list; only while this worker still holds the lease. */
export async function reportInspectionProgress(documentId: string, workerId: string, pagesDone: number): Promise<void> {
  await db
    .update(documents)
    .set({ pagesInspected: pagesDone, updatedAt: new Date() })
    .where(and(eq(documents.id, documentId), eq(documents.leaseOwner, workerId)));
}

/**
 * Stores what inspection found: the normalised PDF and thumbnails first (files), then pages
 * and the document's status in one transaction. A worker that lost its lease writes nothing.
 */
export async function completeInspection(document: TDocument, workerId: string, inspection: TDocumentInspection): Promise<void> {
  const store = documentStore();
  const pdfKey = documentKeys.pdf(document.id);
  await store.put(pdfKey, Buffer.from(inspection.pdf));
  for (const thumbnail of inspection.thumbnails) await store.put(documentKeys.thumbnail(document.id, thumbnail.pageNumber), Buffer.from(thumbnail.png));
  const thumbnailPages = new Set(inspection.thumbnails.map((t) => t.pageNumber));
  await db.transaction(async (tx) => {
    const [owned] = await tx
      .update(documents)
      .set({
        status: 'ready',
        pdfKey,
        pageCount: inspection.pageCount,
        colorPageCount: inspection.colorPageCount,
        pagesInspected: inspection.pageCount,
        inspectedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
        errorCode: null,
        errorMessage: null,
        updatedAt: new Date(),
      })
      .where(and(eq(documents.id, document.id), eq(documents.leaseOwner, workerId)))
      .returning({ id: documents.id });
    if (!owned) return;
    await tx.delete(documentPages).where(eq(documentPages.documentId, document.id));
    await tx.insert(documentPages).values(
      inspection.pages.map((page) => ({
        documentId: document.id,
        pageNumber: page.pageNumber,
        widthPt: page.widthPt,
        heightPt: page.heightPt,
        isColor: page.isColor,
        coverage: page.coverage,
        thumbnailKey: thumbnailPages.has(page.pageNumber) ? documentKeys.thumbnail(document.id, page.pageNumber) : null,
      })),
    );
    await appendEvent({ type: 'document.inspected', documentId: document.id, actor: 'worker', data: { pageCount: inspection.pageCount, colorPageCount: inspection.colorPageCount } }, tx);
  });
}

/**
 * A failure the customer must fix (encrypted, damaged…) ends inspection at once with its
 * message; an unexpected one is retried a few times before giving up with a generic message.
 */
export async function failInspection(document: TDocument, workerId: string, failure: { code: string; message: string; isExpected: boolean }): Promise<void> {
  const isFinal = failure.isExpected || document.attempts >= MAX_INSPECTION_ATTEMPTS;
  await db.transaction(async (tx) => {
    const [owned] = await tx
      .update(documents)
      .set(
        isFinal
          ? { status: 'failed', errorCode: failure.code, errorMessage: failure.message, leaseOwner: null, leaseExpiresAt: null, updatedAt: new Date() }
          : { status: 'uploaded', leaseOwner: null, leaseExpiresAt: null, updatedAt: new Date() },
      )
      .where(and(eq(documents.id, document.id), eq(documents.leaseOwner, workerId)))
      .returning({ id: documents.id });
    if (owned && isFinal) await appendEvent({ type: 'document.failed', documentId: document.id, actor: 'worker', data: { code: failure.code, message: failure.message } }, tx);
  });
}

export async function pendingInspections(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(or(eq(documents.status, 'uploaded'), and(eq(documents.status, 'inspecting'), lt(documents.leaseExpiresAt, new Date()))));
  return row.n;
}
