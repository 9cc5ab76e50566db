// PATCH /api/documents/:id/pages/:n – force a colour page to black & white, or undo (owner only)
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { setPageForcedMono } from '@/lib/documents/set-page-mono';

const ZBody = z.object({ isForcedMono: z.boolean() });
const ZParams = z.object({ documentId: z.uuid(), pageNumber: z.coerce.number().int().min(1).max(100_000) });

export const PATCH = withRole(['customer'], async (request, { user, params }) => {
  const { documentId, pageNumber } = parseOrThrow(ZParams, params);
  const { isForcedMono } = parseOrThrow(ZBody, await request.json().catch(() => ({})));
  await setPageForcedMono({ ownerId: user.id, documentId, pageNumber, isForcedMono });
  return NextResponse.json({ ok: true });
});
