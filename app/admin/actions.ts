'use server';

import { revalidatePath } from 'next/cache';
import { roleAction } from '@/app/_lib/action';
import { setShopStatus, ZSetShopStatusRequest } from '@/lib/admin/shop-review';

export const setShopStatusAction = roleAction(['admin'], ZSetShopStatusRequest, async (input, user) => {
  await setShopStatus({ ...input, adminId: user.id });
  revalidatePath('/admin/shops');
  return { success: input.status === 'active' ? 'Shop is live.' : 'Shop suspended.' };
});
