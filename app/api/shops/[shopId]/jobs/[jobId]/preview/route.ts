// GET /api/shops/:shopId/jobs/:jobId/preview?purpose=…&expires=…&signature=…[&document=…&page=n] – the shop owner's look at a job's pages before printing
import { z } from 'zod';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { sanitizeFilename } from '@/lib/documents/sanitize-filename';
import { openJobPreviewFile } from '@/lib/shop-queue/job-preview';

export const dynamic = 'force-dynamic';

const ZQuery = z.object({
  purpose: z.string().max(32).nullable(),
  document: z.uuid('Unknown document').nullable(),
  page: z.coerce.number().int().min(1).max(100_000).nullable(),
  expires: z.string().max(16).nullable(),
  signature: z.string().max(128).nullable(),
});

/** Both the signed link (purpose, job, page, expiry) and the owner's session are required; the job must still be open. */
export const GET = withRole(['shop_owner'], async (request, { user, params }) => {
  const search = new URL(request.url).searchParams;
  const query = parseOrThrow(ZQuery, {
    purpose: search.get('purpose'),
    document: search.get('document'),
    page: search.get('page'),
    expires: search.get('expires'),
    signature: search.get('signature'),
  });
  const file = await openJobPreviewFile({
    shopId: params.shopId,
    jobId: params.jobId,
    ownerId: user.id,
    purpose: query.purpose,
    documentId: query.document,
    page: query.page,
    expires: query.expires,
    signature: query.signature,
  });
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `${file.disposition}; filename*=UTF-8''${encodeURIComponent(sanitizeFilename(file.filename))}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
