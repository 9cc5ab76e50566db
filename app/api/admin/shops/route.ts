// GET /api/admin/shops – the shop review list (admins only), optionally ?status=pending_review
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { listShopsForReview } from '@/lib/admin/shop-review';

const ZQuery = z.object({ status: z.enum(['pending_review', 'active', 'suspended']).optional() });

export const GET = withRole(['admin'], async (request) => {
  const query = parseOrThrow(ZQuery, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json({ shops: await listShopsForReview(query) });
});
