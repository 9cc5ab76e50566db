'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { dismissAlert } from '@/lib/alerts/shop-alerts';

const ZDismissAlertForm = z.object({ shopId: z.uuid('Unknown shop'), alertId: z.uuid('Unknown alert') });

export const dismissAlertAction = roleAction(['shop_owner'], ZDismissAlertForm, async (input, user) => {
  await dismissAlert({ ...input, ownerId: user.id });
  revalidatePath(`/shop/${input.shopId}`, 'layout');
  return { success: 'Moved to the history.' };
});
