// GET /api/shops/:shopId/events – live stream of the shop's events (its owner, or an admin)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { eventStreamResponse } from '@/app/_lib/event-stream';
import { intQueryParam, withRole } from '@/app/_lib/http';
import { AppError } from '@/lib/errors/app-error';
import { getOwnedShop } from '@/lib/shops/shop-access';

export const dynamic = 'force-dynamic';

export const GET = withRole(['shop_owner', 'admin'], async (request, { user, params }) => {
  if (user.role === 'shop_owner') await getOwnedShop({ shopId: params.shopId, ownerId: user.id });
  else if (!(await db.select({ id: shops.id }).from(shops).where(eq(shops.id, params.shopId))).length) throw new AppError('not_found', 'We could not find that shop.');
  const after = intQueryParam(request, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
  // The owner sees an order's events only once it is paid.
  return eventStreamResponse(request, { shopId: params.shopId, onlyPaidOrders: user.role !== 'admin' }, after);
});
