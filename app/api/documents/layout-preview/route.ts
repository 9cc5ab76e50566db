// GET /api/documents/layout-preview?documents=…&media=…&colorMode=…&sides=…&pagesPerSheet=…[&pageRanges=…][&sheets=n] – thumbnails of the first printed sheets (owner only)
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { layoutPreview } from '@/lib/convert/layout-preview';
import { PREVIEW_MAX_SHEETS } from '@/lib/convert/preview-sheets';
import { ZJobOptions } from '@/lib/job-options/job-options';

export const dynamic = 'force-dynamic';

const ZLayoutPreviewQuery = ZJobOptions.pick({ media: true, colorMode: true, sides: true, pagesPerSheet: true }).extend({
  documents: z
    .string()
    .max(20 * 37)
    .transform((value) => value.split(','))
    .pipe(z.array(z.uuid('Unknown document')).min(1, 'Add a document').max(20, 'At most 20 documents')),
  pageRanges: z.preprocess((value) => (value === '' ? undefined : value), ZJobOptions.shape.pageRanges),
  sheets: z.coerce.number().int().min(1).max(PREVIEW_MAX_SHEETS).optional(),
});

export const GET = withRole(['customer'], async (request, { user }) => {
  const query = parseOrThrow(ZLayoutPreviewQuery, Object.fromEntries(new URL(request.url).searchParams));
  const { documents, sheets, ...layout } = query;
  const preview = await layoutPreview({ ownerId: user.id, documentIds: documents, job: { ...layout, copies: 1, finishing: 'none' }, sheets });
  return NextResponse.json(preview, { headers: { 'cache-control': 'private, no-store' } });
});
