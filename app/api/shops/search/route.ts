// GET /api/shops/search – shops near a point that can print a job, priced and ranked (public)
import { NextResponse } from 'next/server';
import { errorResponse, parseOrThrow } from '@/app/_lib/http';
import { searchShops } from '@/lib/search/search-shops';
import { searchParamsToRecord, ZSearchShopsRequest } from '@/lib/search/search-shops-request';

/**
 * Query: lat, lng (required), radiusKm, the job (media, colorMode, sides, copies,
 * pagesPerSheet, finishing, pageCount, colorPageCount), openNow, offers, sort, page, pageSize.
 * Public, so no session lookup. Answers depend on the minute (open now, ready times): no caching.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseOrThrow(ZSearchShopsRequest, searchParamsToRecord(new URL(request.url).searchParams));
    return NextResponse.json(await searchShops(query), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
