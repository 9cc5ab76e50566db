// GET /api/shops/:shopId/events – live stream of the shop's events (its owner, or an admin)
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { eventStreamResponse, streamStartParam } from '@/app/_lib/event-stream';
import { withRole } from '@/app/_lib/http';
import { currentSessionUser } from '@/app/_lib/stream-session';
import type { TSessionUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { getOwnedShop } from '@/lib/shops/shop-access';

export const dynamic = 'force-dynamic';

/** Throws (404/403) unless this user may watch the shop: its owner, or an admin for a shop that exists. */
async function assertCanWatchShop(user: TSessionUser, shopId: string): Promise<void> {
  const notFound = new AppError('not_found', 'We could not find that shop.');
  if (!isId(shopId)) throw notFound;
  if (user.role === 'shop_owner') await getOwnedShop({ shopId, ownerId: user.id });
  else if (user.role !== 'admin') throw notFound;
  else if (!(await db.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId))).length) throw notFound;
}

export const GET = withRole(['shop_owner', 'admin'], async (request, { user, params }) => {
  await assertCanWatchShop(user, params.shopId);
  const after = await streamStartParam(request);
  return eventStreamResponse(request, {
    // The owner sees an order's events only once it is paid.
    scope: { shopId: params.shopId, onlyPaidOrders: user.role !== 'admin' },
    startAfter: after,
    userId: user.id,
    reauthorize: async () => {
      const current = await currentSessionUser(request);
      if (current?.id !== user.id) return false;
      await assertCanWatchShop(current, params.shopId);
      return true;
    },
  });
});
