import { and, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents, orderDocuments, orders, shops, type TDocument } from '@/db/schema';
import type { TSessionUser } from '@/lib/auth/roles';
import { documentLinkSecret } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { signDocumentUrl, type TDocumentLinkPurpose } from './sign-document-url';
import { isId } from '@/lib/errors/ids';

/** How long a signed document link works. */
export const DOCUMENT_LINK_TTL_MS = 15 * 60_000;

/**
 * A document, if this person may see it: its owner, the owner of a shop it was ordered from
 * (once paid), or an admin. Anyone else gets the same 404 as for a missing document.
 */
export async function getViewableDocument(user: TSessionUser, documentId: string): Promise<TDocument> {
  const notFound = new AppError('not_found', 'We could not find that document.');
  if (!isId(documentId)) throw notFound;
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document) throw notFound;
  if (document.ownerId === user.id || user.role === 'admin') return document;
  if (user.role === 'shop_owner') {
    const [link] = await db
      .select({ orderId: orders.id })
      .from(orderDocuments)
      .innerJoin(orders, eq(orders.id, orderDocuments.orderId))
      .innerJoin(shops, eq(shops.id, orders.shopId))
      .where(and(eq(orderDocuments.documentId, documentId), eq(shops.ownerId, user.id), inArray(orders.status, ['paid', 'printing', 'ready', 'collected', 'refunded'])));
    if (link) return document;
  }
  throw notFound;
}

/** An expiring link to one of the document's files, for someone already allowed to see it. */
export function documentLink(documentId: string, purpose: TDocumentLinkPurpose, options: { page?: number } = {}): string {
  const path = options.page ? `/api/documents/${documentId}/file?page=${options.page}` : `/api/documents/${documentId}/file`;
  return signDocumentUrl({ path, documentId, purpose, page: options.page, expiresAt: new Date(Date.now() + DOCUMENT_LINK_TTL_MS), secret: documentLinkSecret() });
}
