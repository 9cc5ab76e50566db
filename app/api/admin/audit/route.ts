// GET /api/admin/audit – the audit log (admins only): ?actorId, action, targetType, targetId, from, to, page
import { NextResponse } from 'next/server';
import { parseOrThrow, withRole } from '@/app/_lib/http';
import { listAuditLog, ZAuditLogRequest } from '@/lib/admin/list-audit-log';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (request) => {
  const query = parseOrThrow(ZAuditLogRequest, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await listAuditLog(query));
});
