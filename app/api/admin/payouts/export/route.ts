// GET /api/admin/payouts/export – transfers to shops as CSV (admins only): ?shopId, status, from, to
import { csvResponse } from '@/app/_lib/csv-response';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { csvStream } from '@/lib/admin/csv-export';
import { PAYOUT_CSV_COLUMNS, payoutExportBatches, ZPayoutFilters } from '@/lib/admin/payout-overview';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (request) => {
  const filters = parseOrThrow(ZPayoutFilters, Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse('payouts', csvStream(PAYOUT_CSV_COLUMNS, payoutExportBatches(filters)));
});
