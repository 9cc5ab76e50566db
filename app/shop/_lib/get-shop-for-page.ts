import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePageRole } from '@/app/_lib/session';
import { isAppError } from '@/lib/errors/app-error';
import { getOwnedShop } from '@/lib/shops/shop-access';

/** The signed-in owner and their shop for a /shop/[shopId] page; someone else's shop is a 404. */
export const getShopForPage = cache(async (shopId: string) => {
  const user = await requirePageRole(['shop_owner'], `/shop/${shopId}`);
  try {
    return { user, shop: await getOwnedShop({ shopId, ownerId: user.id }) };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
});
