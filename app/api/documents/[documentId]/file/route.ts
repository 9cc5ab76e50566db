// GET /api/documents/:id/file?purpose=…&expires=…&signature=…[&page=n] – a document's file through an expiring signed link
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { documents } from '@/db/schema';
import { documentLinkSecret } from '@/lib/config/env';
import { isDocumentError } from '@/lib/documents/document-error';
import { sanitizeFilename } from '@/lib/documents/sanitize-filename';
import { verifyDocumentSignature } from '@/lib/documents/sign-document-url';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';

export const dynamic = 'force-dynamic';

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** A thumbnail's page: a positive whole number, when given at all. */
const ZPage = z.coerce.number().int().min(1).max(100_000).nullable();

/**
 * The link itself is the permission (like a presigned URL): it was signed for someone allowed
 * to see this document, names the purpose (and a thumbnail's page), and expires. Thumbnails
 * are rendered by the worker when it inspects the document; the web only serves them.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const purpose = url.searchParams.get('purpose');
  // Job preview links are signed for the shop's preview route (lib/shop-queue/job-preview.ts), never for this one.
  if (!['view', 'download', 'print', 'thumbnail'].includes(purpose ?? '')) return refuse(403, 'This link is not valid.');
  const page = ZPage.safeParse(url.searchParams.get('page'));
  if (!page.success) return refuse(400, 'The page must be a page number (1, 2, 3…).');
  const check = verifyDocumentSignature({
    documentId,
    purpose,
    page: page.data,
    expires: url.searchParams.get('expires'),
    signature: url.searchParams.get('signature'),
    secret: documentLinkSecret(),
  });
  if (!check.isValid) return refuse(check.reason === 'expired' ? 410 : 403, check.reason === 'expired' ? 'This link has expired. Reload the page for a new one.' : 'This link is not valid.');
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document) return refuse(404, 'No such document.');
  if (document.filesDeletedAt) return refuse(410, 'This document’s files were deleted after pickup, as our retention policy promises.');
  const store = documentStore();
  try {
    if (purpose === 'thumbnail') {
      const key = documentKeys.thumbnail(document.id, page.data ?? 1);
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
