'use server';

import { revalidatePath } from 'next/cache';
import { roleAction } from '@/app/_lib/action';
import { reviewShop, ZReviewShopRequest } from '@/lib/admin/review-shop';
import { setShopStatus, ZSetShopStatusRequest } from '@/lib/admin/shop-review';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';

export const setShopStatusAction = roleAction(['admin'], ZSetShopStatusRequest, async (input, user) => {
  const result = await setShopStatus({ ...input, adminId: user.id });
  revalidatePath('/admin/shops');
  revalidatePath(`/admin/shops/${input.shopId}`);
  if (input.status === 'active') return { success: 'Shop is live.' };
  const currency = env().CURRENCY;
  const parts = [`Shop suspended; it no longer appears in search.`];
  if (input.openJobs === 'finish') parts.push(result.openOrders ? `${result.openOrders} open order(s) will print as usual.` : 'It had no open orders.');
  else {
    parts.push(result.openOrders ? `${result.openOrders} open order(s) stopped.` : 'It had no open orders.');
    if (result.refunded.length) parts.push(`Refunded: ${result.refunded.map((r) => `${r.number} (${formatMoney(r.amountMinor, currency)})`).join(', ')}.`);
  }
  if (result.refundFailures.length) {
    return { error: `${parts.join(' ')} These refunds did not go through; refund them from the order page: ${result.refundFailures.map((f) => `${f.number}: ${f.message}`).join('; ')}` };
  }
  return { success: parts.join(' ') };
});

export const reviewShopAction = roleAction(['admin'], ZReviewShopRequest, async (input, user) => {
  await reviewShop({ ...input, adminId: user.id });
  revalidatePath('/admin/shops');
  revalidatePath(`/admin/shops/${input.shopId}`);
  return { success: input.decision === 'approved' ? 'Shop is live.' : input.decision === 'rejected' ? 'Shop rejected; the owner sees your reason.' : 'Changes requested; the owner sees your reason.' };
});
