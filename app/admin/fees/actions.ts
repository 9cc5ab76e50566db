'use server';

import { revalidatePath } from 'next/cache';
import { roleAction, roleCall } from '@/app/_lib/action';
import { addFeeRule, describeFeeRule, previewFeeRule, withdrawFeeRule, ZAddFeeRuleRequest, ZConfirmFeeRuleRequest, ZWithdrawFeeRuleRequest } from '@/lib/admin/platform-fee-rules';
import { env } from '@/lib/config/env';

/** Step one: what the new fee would do (nothing is written). */
export const previewFeeRuleAction = roleCall(['admin'], ZAddFeeRuleRequest, async (input) => previewFeeRule(input));

/** Step two: schedules it, only with the tick and only if the schedule is still the one the preview was computed against. */
export const addFeeRuleAction = roleAction(['admin'], ZConfirmFeeRuleRequest, async (input, user) => {
  const rule = await addFeeRule({ ...input, adminId: user.id });
  revalidatePath('/admin/fees');
  return { success: `Scheduled: ${describeFeeRule(rule, env().CURRENCY)} from ${rule.effectiveFrom.toLocaleString('en-IE', { dateStyle: 'long', timeStyle: 'short', timeZone: input.timezone })}.` };
});

export const withdrawFeeRuleAction = roleAction(['admin'], ZWithdrawFeeRuleRequest, async (input, user) => {
  await withdrawFeeRule({ ruleId: input.ruleId, adminId: user.id });
  revalidatePath('/admin/fees');
  return { success: 'The scheduled fee was withdrawn.' };
});
