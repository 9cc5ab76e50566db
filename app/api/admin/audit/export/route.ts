// GET /api/admin/audit/export – the audit log as CSV (admins only), with the page's filters: ?actorId, action, targetType, targetId, shopId, from, to
import { csvResponse } from '@/app/_lib/csv-response';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { csvStream } from '@/lib/admin/csv-export';
import { AUDIT_CSV_COLUMNS, auditExportBatches, ZAuditLogRequest } from '@/lib/admin/list-audit-log';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (request) => {
  const filters = parseOrThrow(ZAuditLogRequest, Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse('audit-log', csvStream(AUDIT_CSV_COLUMNS, auditExportBatches(filters)));
});
