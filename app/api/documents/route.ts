// POST /api/documents – upload one file (raw body, name in X-Filename); GET – my recent documents
import { desc, eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { db } from '@/db/client';
import { documents } from '@/db/schema';
import { z } from 'zod';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { documentSummary } from '@/lib/documents/document-summary';
import { uploadDocument } from '@/lib/documents/upload-document';

export const dynamic = 'force-dynamic';

const ZUploadHeaders = z.object({
  'content-length': z.coerce.number().int().min(0).nullable(),
  'x-filename': z
    .string()
    .max(1024)
    .nullable()
    .transform((raw, ctx) => {
      if (raw === null) return 'document';
      try {
        return decodeURIComponent(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'X-Filename must be percent-encoded UTF-8.' });
        return z.NEVER;
      }
    }),
});

/** The body is streamed to the document store, never held whole (lib/documents/upload-document.ts). */
export const POST = withRole(['customer'], async (request, { user }) => {
  const headers = parseOrThrow(ZUploadHeaders, { 'content-length': request.headers.get('content-length'), 'x-filename': request.headers.get('x-filename') });
  const document = await uploadDocument({ ownerId: user.id, filename: headers['x-filename'], body: request.body, declaredBytes: headers['content-length'] });
  return NextResponse.json({ document: await documentSummary(document) }, { status: 201 });
});

export const GET = withRole(['customer'], async (_request, { user }) => {
  const mine = await db.select().from(documents).where(eq(documents.ownerId, user.id)).orderBy(desc(documents.createdAt)).limit(50);
  return NextResponse.json({ documents: await Promise.all(mine.map(documentSummary)) });
});
