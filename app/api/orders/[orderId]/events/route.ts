// GET /api/orders/:orderId/events – live stream of one order's events (its customer, its shop's owner once paid, admins)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, shops } from '@/db/schema';
import { eventStreamResponse, streamStartParam } from '@/app/_lib/event-stream';
import { withRole } from '@/app/_lib/http';
import { currentSessionUser } from '@/app/_lib/stream-session';
import type { TSessionUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { customerEventView } from '@/lib/events/customer-event-view';

export const dynamic = 'force-dynamic';

/** How this user may see the order: as its customer, as its shop (only once paid: before that it is the customer's business alone), as an admin, or not at all. */
async function orderViewer(user: TSessionUser, orderId: string): Promise<'customer' | 'shop' | 'admin' | undefined> {
  const [row] = await db
    .select({ customerId: orders.customerId, shopOwnerId: shops.ownerId, paidAt: orders.paidAt })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId));
  if (!row) return undefined;
  if (user.role === 'admin') return 'admin';
  if (row.customerId === user.id) return 'customer';
  if (row.shopOwnerId === user.id && row.paidAt !== null) return 'shop';
  return undefined;
}

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (request, { user, params }) => {
  const orderId = params.orderId;
  const notFound = new AppError('not_found', 'We could not find that order.');
  if (!isId(orderId)) throw notFound;
  const viewer = await orderViewer(user, orderId);
  if (!viewer) throw notFound;
  const after = await streamStartParam(request);
  return eventStreamResponse(request, {
    scope: { orderId },
    startAfter: after,
    userId: user.id,
    // The customer's stream carries no actor ids and no platform fee or shop earning.
    toPayload: viewer === 'customer' ? customerEventView : undefined,
    reauthorize: async () => {
      const current = await currentSessionUser(request);
      return current?.id === user.id && (await orderViewer(current, orderId)) === viewer;
    },
  });
});
