// GET /api/documents/:id/file?purpose=…&expires=…&signature=…[&page=n] – a document's file through an expiring signed link
import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents } from '@/db/schema';
import { documentLinkSecret } from '@/lib/config/env';
import { isDocumentError } from '@/lib/documents/document-error';
import { renderThumbnails } from '@/lib/documents/render-thumbnails';
import { sanitizeFilename } from '@/lib/documents/sanitize-filename';
import { verifyDocumentSignature } from '@/lib/documents/sign-document-url';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';

export const dynamic = 'force-dynamic';

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * The link itself is the permission (like a presigned URL): it was signed for someone allowed
 * to see this document, names the purpose, and expires. Thumbnails past the first few are
 * rendered on first request and kept.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const purpose = url.searchParams.get('purpose');
  const check = verifyDocumentSignature({ documentId, purpose, expires: url.searchParams.get('expires'), signature: url.searchParams.get('signature'), secret: documentLinkSecret() });
  if (!check.isValid) return refuse(check.reason === 'expired' ? 410 : 403, check.reason === 'expired' ? 'This link has expired. Reload the page for a new one.' : 'This link is not valid.');
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document) return refuse(404, 'No such document.');
  if (document.filesDeletedAt) return refuse(410, 'This document’s files were deleted after pickup, as our retention policy promises.');
  const store = documentStore();
  try {
    if (purpose === 'thumbnail') {
      const pageNumber = Number(url.searchParams.get('page') ?? 1);
      const key = documentKeys.thumbnail(document.id, pageNumber);
      if (!(await store.exists(key))) {
        const [page] = await db
          .select()
          .from(documentPages)
          .where(eq(documentPages.documentId, document.id))
          .orderBy(asc(documentPages.pageNumber))
          .offset(pageNumber - 1)
          .limit(1);
        if (!page || !document.pdfKey) return refuse(404, 'No such page.');
        const [thumbnail] = await renderThumbnails(new Uint8Array(await store.get(document.pdfKey)), [{ pageNumber, widthPt: page.widthPt, heightPt: page.heightPt }]);
        await store.put(key, thumbnail.png);
      }
      return new Response(await store.stream(key), { headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=600', 'x-content-type-options': 'nosniff' } });
    }
    const key = document.pdfKey ?? document.storageKey;
    const filename = sanitizeFilename(document.filename.replace(/\.[^.]+$/, '') + (document.pdfKey ? '.pdf' : ''));
    return new Response(await store.stream(key), {
      headers: {
        'content-type': document.pdfKey ? 'application/pdf' : 'application/octet-stream',
        'content-disposition': `${purpose === 'view' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (isDocumentError(error) && error.code === 'not_found') return refuse(404, 'This file is no longer stored.');
    throw error;
  }
}
