// GET /api/shops/:shopId/events – live stream of the shop's events (its owner, or an admin)
import { eventStreamResponse } from '@/app/_lib/event-stream';
import { withRole } from '@/app/_lib/http';
import { currentSessionUser } from '@/app/_lib/stream-session';
import type { TSessionUser } from '@/lib/auth/roles';
import { getOwnedShop } from '@/lib/shops/shop-access';

export const dynamic = 'force-dynamic';

/** Throws (404/403) unless this user may watch the shop. */
async function assertCanWatchShop(user: TSessionUser, shopId: string): Promise<void> {
  if (user.role === 'shop_owner') await getOwnedShop({ shopId, ownerId: user.id });
  else if (user.role !== 'admin') throw new Error('not allowed');
}

export const GET = withRole(['shop_owner', 'admin'], async (request, { user, params }) => {
  await assertCanWatchShop(user, params.shopId);
  const after = Number(new URL(request.url).searchParams.get('after') ?? 0);
  return eventStreamResponse(request, {
    scope: { shopId: params.shopId },
    startAfterId: Number.isFinite(after) ? after : 0,
    userId: user.id,
    reauthorize: async () => {
      const current = await currentSessionUser(request);
      if (current?.id !== user.id) return false;
      await assertCanWatchShop(current, params.shopId);
      return true;
    },
  });
});
