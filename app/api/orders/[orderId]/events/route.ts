// GET /api/orders/:orderId/events – live stream of one order's events (its customer, its shop's owner once paid, admins)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, shops } from '@/db/schema';
import { eventStreamResponse } from '@/app/_lib/event-stream';
import { intQueryParam, withRole } from '@/app/_lib/http';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { customerEventView } from '@/lib/events/customer-event-view';

export const dynamic = 'force-dynamic';

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (request, { user, params }) => {
  const orderId = params.orderId;
  const notFound = new AppError('not_found', 'We could not find that order.');
  if (!isId(orderId)) throw notFound;
  const [row] = await db
    .select({ customerId: orders.customerId, shopOwnerId: shops.ownerId, paidAt: orders.paidAt })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId));
  if (!row) throw notFound;
  const isCustomer = row.customerId === user.id;
  // The shop sees an order only once it is paid: before that it is the customer's business alone.
  const isShop = row.shopOwnerId === user.id && row.paidAt !== null;
  if (!(user.role === 'admin' || isCustomer || isShop)) throw notFound;
  const after = intQueryParam(request, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
  // The customer's stream carries no actor ids and no platform fee or shop earning.
  return eventStreamResponse(request, { orderId }, after, isCustomer && user.role !== 'admin' ? customerEventView : undefined);
});
