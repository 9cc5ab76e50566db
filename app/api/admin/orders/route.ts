// GET /api/admin/orders – search all orders (admins only): ?number, email, shopId, status, from, to, page
import { NextResponse } from 'next/server';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { searchOrders, ZSearchOrdersRequest } from '@/lib/admin/search-orders';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (request) => {
  const query = parseOrThrow(ZSearchOrdersRequest, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await searchOrders(query));
});
