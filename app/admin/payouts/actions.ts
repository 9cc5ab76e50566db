'use server';

import { revalidatePath } from 'next/cache';
import { roleAction } from '@/app/_lib/action';
import { runPayoutsAsAdmin, ZPayoutConfirmation } from '@/lib/admin/run-payouts-as-admin';

export const runPayoutsAction = roleAction(['admin'], ZPayoutConfirmation, async (input, user) => {
  const { outcomes } = await runPayoutsAsAdmin({ adminId: user.id, confirmed: input });
  revalidatePath('/admin/payouts');
  if (outcomes.length === 0) return { success: 'No shop had a balance to pay.' };
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const unconfirmed = count('unknown') ? ` ${count('unknown')} not confirmed by Stripe: the next run checks them at Stripe before paying anything again.` : '';
  const summary = `Payout run finished: ${count('paid')} paid, ${count('failed')} failed, ${count('skipped')} skipped.${unconfirmed}`;
  return count('failed') || count('unknown') ? { error: `${summary} See below.` } : { success: summary };
});
