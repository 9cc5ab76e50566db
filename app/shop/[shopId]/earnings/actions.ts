'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { startConnectOnboarding } from '@/lib/billing/connect-onboarding';

/** Sends the owner to Stripe's onboarding for payouts (Express account, Account Link). */
export const startPayoutOnboardingAction = roleAction(['shop_owner'], z.object({ shopId: z.uuid() }), async ({ shopId }, user) => {
  const url = await startConnectOnboarding({ shopId, ownerId: user.id });
  redirect(url);
});
