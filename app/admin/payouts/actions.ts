'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { runPayoutsAsAdmin } from '@/lib/admin/run-payouts-as-admin';

export const runPayoutsAction = roleAction(['admin'], z.object({}), async (_input, user) => {
  const { outcomes } = await runPayoutsAsAdmin({ adminId: user.id });
  revalidatePath('/admin/payouts');
  if (outcomes.length === 0) return { success: 'No shop had a balance to pay.' };
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const summary = `Payout run finished: ${count('paid')} paid, ${count('failed')} failed, ${count('skipped')} skipped.`;
  return count('failed') ? { error: `${summary} See the failures below.` } : { success: summary };
});
