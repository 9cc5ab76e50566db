// GET /api/admin/orders/export – orders as CSV (admins only), with the search's filters: ?number, email, shopId, status, from, to
import { csvResponse } from '@/app/_lib/csv-response';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { csvStream } from '@/lib/admin/csv-export';
import { ORDER_CSV_COLUMNS, orderExportBatches, ZSearchOrdersRequest } from '@/lib/admin/search-orders';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (request) => {
  const filters = parseOrThrow(ZSearchOrdersRequest, Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse('orders', csvStream(ORDER_CSV_COLUMNS, orderExportBatches(filters)));
});
