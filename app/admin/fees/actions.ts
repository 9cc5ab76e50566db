'use server';

import { revalidatePath } from 'next/cache';
import { roleAction } from '@/app/_lib/action';
import { addFeeRule, describeFeeRule, withdrawFeeRule, ZAddFeeRuleRequest, ZWithdrawFeeRuleRequest } from '@/lib/admin/platform-fee-rules';
import { env } from '@/lib/config/env';

export const addFeeRuleAction = roleAction(['admin'], ZAddFeeRuleRequest, async (input, user) => {
  const rule = await addFeeRule({ ...input, adminId: user.id });
  revalidatePath('/admin/fees');
  return { success: `Scheduled: ${describeFeeRule(rule, env().CURRENCY)} from ${rule.effectiveFrom.toLocaleString('en-IE', { dateStyle: 'long', timeStyle: 'short', timeZone: input.timezone })}.` };
});

export const withdrawFeeRuleAction = roleAction(['admin'], ZWithdrawFeeRuleRequest, async (input, user) => {
  await withdrawFeeRule({ ruleId: input.ruleId, adminId: user.id });
  revalidatePath('/admin/fees');
  return { success: 'The scheduled fee was withdrawn.' };
});
