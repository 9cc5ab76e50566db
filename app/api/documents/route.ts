// POST /api/documents – upload one file (raw body, name in X-Filename); GET – my recent documents
import { desc, eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { db } from '@/db/client';
import { documents } from '@/db/schema';
import { filenameFromHeader } from '@/app/_lib/filename-header';
import { withRole } from '@/app/_lib/http';
import { env } from '@/lib/config/env';
import { documentSummary } from '@/lib/documents/document-summary';
import { uploadDocument } from '@/lib/documents/upload-document';
import { AppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

/** Reads the body up to the limit, failing as soon as it is exceeded instead of buffering it all. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = () => new AppError('payload_too_large', `This file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit.`, { fieldErrors: { file: ['File too large'] } });
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const POST = withRole(['customer'], async (request, { user }) => {
  const filename = filenameFromHeader(request.headers.get('x-filename'));
  const bytes = await readLimited(request, env().UPLOAD_MAX_BYTES);
  const document = await uploadDocument({ ownerId: user.id, filename, bytes });
  return NextResponse.json({ document: await documentSummary(document) }, { status: 201 });
});

export const GET = withRole(['customer'], async (_request, { user }) => {
  const mine = await db.select().from(documents).where(eq(documents.ownerId, user.id)).orderBy(desc(documents.createdAt)).limit(50);
  return NextResponse.json({ documents: await Promise.all(mine.map(documentSummary)) });
});
