// GET /api/orders/:orderId/events – live stream of one order's events (its customer, its shop's owner, admins)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, shops } from '@/db/schema';
import { eventStreamResponse } from '@/app/_lib/event-stream';
import { withRole } from '@/app/_lib/http';
import { currentSessionUser } from '@/app/_lib/stream-session';
import type { TSessionUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

async function canSeeOrder(user: TSessionUser, orderId: string): Promise<boolean> {
  const [row] = await db.select({ customerId: orders.customerId, shopOwnerId: shops.ownerId }).from(orders).innerJoin(shops, eq(shops.id, orders.shopId)).where(eq(orders.id, orderId));
  return !!row && (user.role === 'admin' || row.customerId === user.id || row.shopOwnerId === user.id);
}

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (request, { user, params }) => {
  const orderId = params.orderId;
  const notFound = new AppError('not_found', 'We could not find that order.');
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) throw notFound;
  if (!(await canSeeOrder(user, orderId))) throw notFound;
  const after = Number(new URL(request.url).searchParams.get('after') ?? 0);
  return eventStreamResponse(request, {
    scope: { orderId },
    startAfterId: Number.isFinite(after) ? after : 0,
    userId: user.id,
    reauthorize: async () => {
      const current = await currentSessionUser(request);
      return current?.id === user.id && (await canSeeOrder(current, orderId));
    },
  });
});
