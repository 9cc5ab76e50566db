// GET /api/orders/:orderId/events – live stream of one order's events (its customer, its shop's owner, admins)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, shops } from '@/db/schema';
import { eventStreamResponse } from '@/app/_lib/event-stream';
import { intQueryParam, withRole } from '@/app/_lib/http';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';

export const dynamic = 'force-dynamic';

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (request, { user, params }) => {
  const orderId = params.orderId;
  const notFound = new AppError('not_found', 'We could not find that order.');
  if (!isId(orderId)) throw notFound;
  const [row] = await db.select({ customerId: orders.customerId, shopOwnerId: shops.ownerId }).from(orders).innerJoin(shops, eq(shops.id, orders.shopId)).where(eq(orders.id, orderId));
  const isAllowed = row && (user.role === 'admin' || row.customerId === user.id || row.shopOwnerId === user.id);
  if (!isAllowed) throw notFound;
  const after = intQueryParam(request, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
  return eventStreamResponse(request, { orderId }, after);
});
