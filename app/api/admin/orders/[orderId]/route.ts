// GET /api/admin/orders/:orderId – one order with its jobs, money and full event timeline (admins only)
import { NextResponse } from 'next/server';
import { withRole } from '@/app/_lib/http';
import { getAdminOrder } from '@/lib/admin/get-admin-order';
import { describeEvent } from '@/lib/events/describe-event';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin'], async (_request, { params }) => {
  const details = await getAdminOrder(params.orderId);
  const timeline = details.timeline.map((event) => ({ ...event, description: describeEvent(event, details.order.currency) }));
  return NextResponse.json({ ...details, timeline });
});
